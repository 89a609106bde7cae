#include <math.h>

// One thread per row, running the three passes of the sequential code (max, exp and sum,
// scale) over its row.
__global__ void softmax_row_kernel(int n, int m, const float *x, float *y) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    const float *xr = x + (size_t)i * m;
    float *yr = y + (size_t)i * m;
    float mx = -INFINITY;
    for (int j = 0; j < m; j++) mx = fmaxf(mx, xr[j]);
    float sum = 0.0f;
    for (int j = 0; j < m; j++) {
        float e = expf(xr[j] - mx);
        yr[j] = e;
        sum += e;
    }
    float inv = 1.0f / sum;
    for (int j = 0; j < m; j++) yr[j] *= inv;
}

void softmax_rows_f32_device(int n, int m, const float *x, float *y) {
    if (n <= 0 || m <= 0) return;
    int block = 256;
    softmax_row_kernel<<<(n + block - 1) / block, block>>>(n, m, x, y);
}
