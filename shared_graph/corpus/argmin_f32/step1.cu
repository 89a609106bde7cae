// (value, index) packed into one 64-bit key whose unsigned order is "smaller value first,
// then smaller index": the high word is the float mapped to an order-preserving unsigned
// int, the low word the index. One 64-bit atomicMin then implements argmin with first-index
// tie breaking. (-0.0f is folded into +0.0f so that the two compare equal, as in C.)
__device__ __forceinline__ unsigned long long argmin_key(float v, int i) {
    if (v == 0.0f) v = 0.0f;
    unsigned int u = __float_as_uint(v);
    u = (u & 0x80000000u) ? ~u : (u | 0x80000000u);
    return ((unsigned long long)u << 32) | (unsigned int)i;
}

__global__ void argmin_kernel(int n, const float *x, unsigned long long *best) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) atomicMin(best, argmin_key(x[i], i));
}

int argmin_f32_device(int n, const float *x) {
    if (n <= 0) return 0;
    unsigned long long *d_best = nullptr;
    cudaMalloc(&d_best, sizeof(unsigned long long));
    cudaMemset(d_best, 0xff, sizeof(unsigned long long));  // the largest key
    int block = 256;
    argmin_kernel<<<(n + block - 1) / block, block>>>(n, x, d_best);
    unsigned long long best = 0;
    cudaMemcpy(&best, d_best, sizeof(best), cudaMemcpyDeviceToHost);
    cudaFree(d_best);
    return (int)(best & 0xffffffffull);
}
