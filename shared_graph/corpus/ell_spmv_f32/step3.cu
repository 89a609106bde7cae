// Coalesced group-per-row ELL kernel with read-only data: const __restrict__ pointers and __ldg
// route the streamed col/val slots and the random x[c] gathers through the read-only cache.
__global__ void ell_spmv_group_kernel(int n, int k, int g, const int *__restrict__ col,
                                      const float *__restrict__ val,
                                      const float *__restrict__ x, float *__restrict__ y) {
    long long t = (long long)blockIdx.x * blockDim.x + threadIdx.x;
    long long row = t / g;
    int lane = (int)(t % g);
    float sum = 0.0f;
    if (row < n) {
        long long base = row * (long long)k;
        for (int j = lane; j < k; j += g) {
            int c = __ldg(&col[base + j]);
            if (c >= 0) sum += __ldg(&val[base + j]) * __ldg(&x[c]);
        }
    }
    for (int off = g / 2; off > 0; off >>= 1) sum += __shfl_down_sync(0xffffffffu, sum, off, g);
    if (row < n && lane == 0) y[row] = sum;
}

void ell_spmv_f32_device(int n, int k, const int *col, const float *val, const float *x,
                         float *y) {
    if (n <= 0) return;
    int g = 1;
    while (g < k && g < 32) g <<= 1;
    const int block = 256;
    long long threads = (long long)n * g;
    ell_spmv_group_kernel<<<(unsigned)((threads + block - 1) / block), block>>>(n, k, g, col,
                                                                               val, x, y);
}
