#include <math.h>

// One thread per row: the row maximum, then the sum of exp(x - max).
__global__ void lse_row_kernel(int n, int m, const float *x, float *out) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    const float *xr = x + (size_t)i * m;
    float mx = -INFINITY;
    for (int j = 0; j < m; j++) mx = fmaxf(mx, xr[j]);
    float sum = 0.0f;
    for (int j = 0; j < m; j++) sum += expf(xr[j] - mx);
    out[i] = mx + logf(sum);
}

void logsumexp_rows_f32_device(int n, int m, const float *x, float *out) {
    if (n <= 0) return;
    int block = 256;
    lse_row_kernel<<<(n + block - 1) / block, block>>>(n, m, x, out);
}
