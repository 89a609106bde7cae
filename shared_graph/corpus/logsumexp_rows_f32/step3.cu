#include <math.h>

// Online (single-pass) log-sum-exp: each lane keeps a running maximum and a sum of
// exponentials relative to it, rescaled by exp(old - new) when the maximum grows, so the row
// is read once instead of twice. The lanes' (max, sum) pairs are merged with shuffles by the
// same rule; a lane that saw no element holds (-inf, 0) and contributes nothing.
__device__ __forceinline__ void lse_merge(float &mx, float &sum, float mx2, float sum2) {
    float m = fmaxf(mx, mx2);
    float s = (mx == -INFINITY ? 0.0f : sum * expf(mx - m)) +
              (mx2 == -INFINITY ? 0.0f : sum2 * expf(mx2 - m));
    mx = m;
    sum = s;
}

__global__ void lse_online_kernel(int n, int m, const float *x, float *out) {
    int lane = threadIdx.x & 31;
    int row = blockIdx.x * (blockDim.x >> 5) + (threadIdx.x >> 5);
    if (row >= n) return;  // uniform per warp
    const float *xr = x + (size_t)row * m;
    float mx = -INFINITY, sum = 0.0f;
    for (int j = lane; j < m; j += 32) {
        float v = xr[j];
        if (v > mx) {
            sum = sum * expf(mx - v) + 1.0f;  // exp(-inf) = 0 on the lane's first element
            mx = v;
        } else {
            sum += expf(v - mx);
        }
    }
    for (int off = 16; off > 0; off >>= 1) {
        float mx2 = __shfl_xor_sync(0xffffffffu, mx, off);
        float sum2 = __shfl_xor_sync(0xffffffffu, sum, off);
        lse_merge(mx, sum, mx2, sum2);
    }
    if (lane == 0) out[row] = mx + logf(sum);
}

void logsumexp_rows_f32_device(int n, int m, const float *x, float *out) {
    if (n <= 0) return;
    lse_online_kernel<<<(n + 7) / 8, 256>>>(n, m, x, out);
}
