// Coalesced ELL: slots of a row are contiguous (row-major), so a group of g lanes (g = the
// power of two >= min(k, 32)) shares a row and reads consecutive slots in one transaction;
// the group's partial sums are combined with width-g warp shuffles.
__global__ void ell_spmv_group_kernel(int n, int k, int g, const int *col, const float *val,
                                      const float *x, float *y) {
    long long t = (long long)blockIdx.x * blockDim.x + threadIdx.x;
    long long row = t / g;
    int lane = (int)(t % g);
    float sum = 0.0f;
    if (row < n) {
        long long base = row * (long long)k;
        for (int j = lane; j < k; j += g) {
            int c = col[base + j];
            if (c >= 0) sum += val[base + j] * x[c];
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
    const int block = 256;  // a multiple of 32 and of g: groups never straddle warps
    long long threads = (long long)n * g;
    ell_spmv_group_kernel<<<(unsigned)((threads + block - 1) / block), block>>>(n, k, g, col,
                                                                               val, x, y);
}
