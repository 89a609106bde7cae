#include <math.h>

// Thread coarsening: a 32 x 8 block now covers 32 x 32 entries. Each thread keeps its b point
// in registers and computes 4 rows (ty, ty + 8, ty + 16, ty + 24); the block stages the 32
// a points of its rows (96 contiguous floats) in shared memory per row tile.
#define TX 32
#define BY 8   // blockDim.y
#define OY 32  // rows per block

__global__ void rbf_coarse_kernel(int n, int m, const float *__restrict__ a,
                                  const float *__restrict__ b, float gamma,
                                  float *__restrict__ K) {
    __shared__ float sb[3 * TX];
    __shared__ float sa[3 * OY];
    const int tid = threadIdx.y * TX + threadIdx.x;
    const int j0 = blockIdx.x * TX;
    const int j = j0 + threadIdx.x;
    if (tid < 3 * TX && 3 * j0 + tid < 3 * m) sb[tid] = b[3 * j0 + tid];
    __syncthreads();
    float bx = 0.0f, by = 0.0f, bz = 0.0f;
    if (j < m) {
        bx = sb[3 * threadIdx.x];
        by = sb[3 * threadIdx.x + 1];
        bz = sb[3 * threadIdx.x + 2];
    }
    for (int i0 = blockIdx.y * OY; i0 < n; i0 += gridDim.y * OY) {  // block-uniform
        __syncthreads();  // the previous sa is no longer being read
        if (tid < 3 * OY && 3 * i0 + tid < 3 * n) sa[tid] = a[3 * i0 + tid];
        __syncthreads();
#pragma unroll
        for (int k = 0; k < OY; k += BY) {
            int r = k + threadIdx.y;
            int i = i0 + r;
            if (i < n && j < m) {
                float dx = sa[3 * r] - bx;
                float dy = sa[3 * r + 1] - by;
                float dz = sa[3 * r + 2] - bz;
                K[(size_t)i * m + j] = __expf(-gamma * (dx * dx + dy * dy + dz * dz));
            }
        }
    }
}

void rbf_kernel_3d_f32_device(int n, int m, const float *a, const float *b, float gamma,
                              float *K) {
    if (n <= 0 || m <= 0) return;
    dim3 block(TX, BY);
    unsigned gy = (unsigned)((n + OY - 1) / OY);
    if (gy > 65535u) gy = 65535u;
    dim3 grid((unsigned)((m + TX - 1) / TX), gy);
    rbf_coarse_kernel<<<grid, block>>>(n, m, a, b, gamma, K);
}
