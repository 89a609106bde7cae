#include <math.h>

// One warp per row: the lanes stride over the row (coalesced); the maximum is combined with a
// shuffle butterfly so that every lane can form exp(x - max), then the sum is reduced the
// same way and lane 0 writes the result.
__global__ void lse_warp_kernel(int n, int m, const float *x, float *out) {
    int lane = threadIdx.x & 31;
    int row = blockIdx.x * (blockDim.x >> 5) + (threadIdx.x >> 5);
    if (row >= n) return;  // uniform per warp
    const float *xr = x + (size_t)row * m;
    float mx = -INFINITY;
    for (int j = lane; j < m; j += 32) mx = fmaxf(mx, xr[j]);
    for (int off = 16; off > 0; off >>= 1) mx = fmaxf(mx, __shfl_xor_sync(0xffffffffu, mx, off));
    float sum = 0.0f;
    for (int j = lane; j < m; j += 32) sum += expf(xr[j] - mx);
    for (int off = 16; off > 0; off >>= 1) sum += __shfl_xor_sync(0xffffffffu, sum, off);
    if (lane == 0) out[row] = mx + logf(sum);
}

void logsumexp_rows_f32_device(int n, int m, const float *x, float *out) {
    if (n <= 0) return;
    lse_warp_kernel<<<(n + 7) / 8, 256>>>(n, m, x, out);
}
