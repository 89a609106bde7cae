#include <math.h>

// 2D mapping over the n x n result: x over the columns j (contiguous), y over the rows i.
// gridDim.y is capped at 65535 and rows beyond it are covered by looping over y.
__global__ void manhattan_kernel(int n, const float *x0, const float *x1, const float *x2,
                                 const float *x3, float *d) {
    int j = blockIdx.x * blockDim.x + threadIdx.x;
    if (j >= n) return;
    for (int i = blockIdx.y * blockDim.y + threadIdx.y; i < n; i += gridDim.y * blockDim.y) {
        d[(size_t)i * n + j] = fabsf(x0[i] - x0[j]) + fabsf(x1[i] - x1[j]) +
                               fabsf(x2[i] - x2[j]) + fabsf(x3[i] - x3[j]);
    }
}

void manhattan_dist_4d_f32_device(int n, const float *x0, const float *x1, const float *x2,
                                  const float *x3, float *d) {
    if (n <= 0) return;
    dim3 block(32, 8);
    unsigned gy = (unsigned)((n + 7) / 8);
    if (gy > 65535u) gy = 65535u;
    dim3 grid((unsigned)((n + 31) / 32), gy);
    manhattan_kernel<<<grid, block>>>(n, x0, x1, x2, x3, d);
}
