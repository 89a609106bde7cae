#include <math.h>

// Thread coarsening: a 32 x 8 block covers a 32 x 32 tile of the result. Each thread loads its
// column point j into registers once and computes 4 rows (ty, ty + 8, ty + 16, ty + 24).
#define TX 32
#define BY 8   // blockDim.y
#define OY 32  // result rows per block

__global__ void manhattan_coarse_kernel(int n, const float *__restrict__ x0,
                                        const float *__restrict__ x1,
                                        const float *__restrict__ x2,
                                        const float *__restrict__ x3, float *__restrict__ d) {
    int j = blockIdx.x * TX + threadIdx.x;
    if (j >= n) return;
    const float a0 = x0[j], a1 = x1[j], a2 = x2[j], a3 = x3[j];
    for (int i0 = blockIdx.y * OY; i0 < n; i0 += gridDim.y * OY) {
#pragma unroll
        for (int k = 0; k < OY; k += BY) {
            int i = i0 + k + threadIdx.y;
            if (i < n)
                d[(size_t)i * n + j] = fabsf(x0[i] - a0) + fabsf(x1[i] - a1) +
                                       fabsf(x2[i] - a2) + fabsf(x3[i] - a3);
        }
    }
}

void manhattan_dist_4d_f32_device(int n, const float *x0, const float *x1, const float *x2,
                                  const float *x3, float *d) {
    if (n <= 0) return;
    dim3 block(TX, BY);
    unsigned gy = (unsigned)((n + OY - 1) / OY);
    if (gy > 65535u) gy = 65535u;
    dim3 grid((unsigned)((n + TX - 1) / TX), gy);
    manhattan_coarse_kernel<<<grid, block>>>(n, x0, x1, x2, x3, d);
}
