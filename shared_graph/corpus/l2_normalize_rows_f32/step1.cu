#include <math.h>

// One thread per row: sum of squares, then the scaled row.
__global__ void l2norm_row_kernel(int n, int m, const float *x, float *y) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    const float *xr = x + (size_t)i * m;
    float *yr = y + (size_t)i * m;
    float ss = 0.0f;
    for (int j = 0; j < m; j++) ss += xr[j] * xr[j];
    float inv = ss > 0.0f ? 1.0f / sqrtf(ss) : 0.0f;
    for (int j = 0; j < m; j++) yr[j] = xr[j] * inv;
}

void l2_normalize_rows_f32_device(int n, int m, const float *x, float *y) {
    if (n <= 0 || m <= 0) return;
    int block = 256;
    l2norm_row_kernel<<<(n + block - 1) / block, block>>>(n, m, x, y);
}
