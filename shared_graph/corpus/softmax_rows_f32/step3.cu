#include <math.h>

// Online softmax: the maximum and the sum of exponentials come from ONE pass over the row.
// Each lane keeps a running (max, sum) and rescales its sum by exp(old_max - new_max) when
// the maximum grows; the lanes' pairs are then merged with shuffles by the same rule. The
// row is read twice (statistics, output) instead of three times.
__device__ __forceinline__ void online_merge(float &mx, float &sum, float mx2, float sum2) {
    float m = fmaxf(mx, mx2);
    // a lane that saw no element has (-inf, 0): skip it rather than computing exp(-inf + inf)
    float s = (mx == -INFINITY ? 0.0f : sum * expf(mx - m)) +
              (mx2 == -INFINITY ? 0.0f : sum2 * expf(mx2 - m));
    mx = m;
    sum = s;
}

__global__ void softmax_online_kernel(int n, int m, const float *x, float *y) {
    int lane = threadIdx.x & 31;
    int row = blockIdx.x * (blockDim.x >> 5) + (threadIdx.x >> 5);
    if (row >= n) return;  // uniform per warp
    const float *xr = x + (size_t)row * m;
    float *yr = y + (size_t)row * m;
    float mx = -INFINITY, sum = 0.0f;
    for (int j = lane; j < m; j += 32) {
        float v = xr[j];
        if (v > mx) {
            sum = sum * expf(mx - v) + 1.0f;  // exp(-inf) = 0 on the first element
            mx = v;
        } else {
            sum += expf(v - mx);
        }
    }
    for (int off = 16; off > 0; off >>= 1) {
        float mx2 = __shfl_xor_sync(0xffffffffu, mx, off);
        float sum2 = __shfl_xor_sync(0xffffffffu, sum, off);
        online_merge(mx, sum, mx2, sum2);
    }
    float inv = 1.0f / sum;
    for (int j = lane; j < m; j += 32) yr[j] = expf(xr[j] - mx) * inv;
}

void softmax_rows_f32_device(int n, int m, const float *x, float *y) {
    if (n <= 0 || m <= 0) return;
    softmax_online_kernel<<<(n + 7) / 8, 256>>>(n, m, x, y);
}
