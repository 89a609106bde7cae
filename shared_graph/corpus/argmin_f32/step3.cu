// A machine-sized grid: each thread keeps its best (value, index) in registers over a
// grid-stride loop (indices increase, so a strict < keeps the first of equal values), builds
// the key once, then the warp shuffle and one atomicMin per warp.
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
    int stride = gridDim.x * blockDim.x;
    int first = blockIdx.x * blockDim.x + threadIdx.x;
    unsigned long long k = ~0ull;
    if (first < n) {
        float best_v = x[first];
        int best_i = first;
        for (int i = first + stride; i < n; i += stride) {
            float v = x[i];
            if (v < best_v) {
                best_v = v;
                best_i = i;
            }
        }
        k = argmin_key(best_v, best_i);
    }
    k = warp_min(k);
    if ((threadIdx.x & 31) == 0) atomicMin(best, k);
}

int argmin_f32_device(int n, const float *x) {
    if (n <= 0) return 0;
    int block = 256;
    int dev = 0, sms = 0;
    cudaGetDevice(&dev);
    cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, dev);
    if (sms <= 0) sms = 80;
    int needed = (n + block - 1) / block;
    int grid = needed < sms * 8 ? needed : sms * 8;
    unsigned long long *d_best = nullptr;
    cudaMalloc(&d_best, sizeof(unsigned long long));
    cudaMemset(d_best, 0xff, sizeof(unsigned long long));  // the largest key
    argmin_kernel<<<grid, block>>>(n, x, d_best);
    unsigned long long best = 0;
    cudaMemcpy(&best, d_best, sizeof(best), cudaMemcpyDeviceToHost);
    cudaFree(d_best);
    return (int)(best & 0xffffffffull);
}
