#include <math.h>

// As step 2, plus the tile's 32 row points staged in shared memory: 32 threads load the
// 4 coordinates of the block's rows once, and every warp reads them from shared memory (one
// address per warp: a broadcast) instead of issuing 4 global loads per row.
#define TX 32
#define BY 8   // blockDim.y
#define OY 32  // result rows per block

__global__ void manhattan_tiled_kernel(int n, const float *__restrict__ x0,
                                       const float *__restrict__ x1,
                                       const float *__restrict__ x2,
                                       const float *__restrict__ x3, float *__restrict__ d) {
    __shared__ float rows[4][OY];
    const int tid = threadIdx.y * TX + threadIdx.x;
    const int j = blockIdx.x * TX + threadIdx.x;
    const bool valid = j < n;  // no early return: every thread takes part in the barriers
    float a0 = 0.0f, a1 = 0.0f, a2 = 0.0f, a3 = 0.0f;
    if (valid) {
        a0 = x0[j]; a1 = x1[j]; a2 = x2[j]; a3 = x3[j];
    }
    for (int i0 = blockIdx.y * OY; i0 < n; i0 += gridDim.y * OY) {  // block-uniform
        __syncthreads();  // the previous tile's rows are no longer being read
        if (tid < OY) {
            int i = i0 + tid;
            if (i < n) {
                rows[0][tid] = x0[i]; rows[1][tid] = x1[i];
                rows[2][tid] = x2[i]; rows[3][tid] = x3[i];
            }
        }
        __syncthreads();
#pragma unroll
        for (int k = 0; k < OY; k += BY) {
            int r = k + threadIdx.y;
            int i = i0 + r;
            if (valid && i < n)
                d[(size_t)i * n + j] = fabsf(rows[0][r] - a0) + fabsf(rows[1][r] - a1) +
                                       fabsf(rows[2][r] - a2) + fabsf(rows[3][r] - a3);
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
    manhattan_tiled_kernel<<<grid, block>>>(n, x0, x1, x2, x3, d);
}
