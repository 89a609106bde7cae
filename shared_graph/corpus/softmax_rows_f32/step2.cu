#include <math.h>

// One warp per row: the lanes stride over the row (coalesced), the row maximum and the sum of
// exponentials are combined with butterfly shuffles (__shfl_xor_sync leaves the result in
// every lane), and the output is written once, already scaled.
__global__ void softmax_warp_kernel(int n, int m, const float *x, float *y) {
    int lane = threadIdx.x & 31;
    int row = blockIdx.x * (blockDim.x >> 5) + (threadIdx.x >> 5);
    if (row >= n) return;  // uniform per warp
    const float *xr = x + (size_t)row * m;
    float *yr = y + (size_t)row * m;
    float mx = -INFINITY;
    for (int j = lane; j < m; j += 32) mx = fmaxf(mx, xr[j]);
    for (int off = 16; off > 0; off >>= 1) mx = fmaxf(mx, __shfl_xor_sync(0xffffffffu, mx, off));
    float sum = 0.0f;
    for (int j = lane; j < m; j += 32) sum += expf(xr[j] - mx);
    for (int off = 16; off > 0; off >>= 1) sum += __shfl_xor_sync(0xffffffffu, sum, off);
    float inv = 1.0f / sum;
    for (int j = lane; j < m; j += 32) yr[j] = expf(xr[j] - mx) * inv;
}

void softmax_rows_f32_device(int n, int m, const float *x, float *y) {
    if (n <= 0 || m <= 0) return;
    int block = 256;  // 8 rows per block
    softmax_warp_kernel<<<(n + 7) / 8, block>>>(n, m, x, y);
}
