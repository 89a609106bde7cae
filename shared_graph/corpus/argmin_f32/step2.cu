// Each warp finds its smallest key with shuffles; lane 0 does one 64-bit atomicMin.
__device__ __forceinline__ unsigned long long argmin_key(float v, int i) {
    if (v == 0.0f) v = 0.0f;  // -0.0f and +0.0f compare equal in C
    unsigned int u = __float_as_uint(v);
    u = (u & 0x80000000u) ? ~u : (u | 0x80000000u);
    return ((unsigned long long)u << 32) | (unsigned int)i;
}

__device__ __forceinline__ unsigned long long warp_min(unsigned long long k) {
    for (int offset = 16; offset > 0; offset >>= 1) {
        unsigned long long other = __shfl_down_sync(0xffffffffu, k, offset);
        k = other < k ? other : k;
    }
    return k;
}

__global__ void argmin_kernel(int n, const float *x, unsigned long long *best) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    unsigned long long k = (i < n) ? argmin_key(x[i], i) : ~0ull;
    k = warp_min(k);
    if ((threadIdx.x & 31) == 0) atomicMin(best, k);
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
