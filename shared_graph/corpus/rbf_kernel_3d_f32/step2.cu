#include <math.h>

// Shared-memory tiling: the block's 32 b points (96 contiguous floats) and its 8 a points
// (24 contiguous floats) are loaded with coalesced loads into shared memory; threads then read
// their xyz from there (stride-3 shared reads are conflict-free, the a point is a broadcast).
#define TX 32
#define TY 8

__global__ void rbf_tiled_kernel(int n, int m, const float *__restrict__ a,
                                 const float *__restrict__ b, float gamma,
                                 float *__restrict__ K) {
    __shared__ float sb[3 * TX];
    __shared__ float sa[3 * TY];
    const int tid = threadIdx.y * TX + threadIdx.x;
    const int j0 = blockIdx.x * TX;
    const int j = j0 + threadIdx.x;
    if (tid < 3 * TX && 3 * j0 + tid < 3 * m) sb[tid] = b[3 * j0 + tid];
    for (int i0 = blockIdx.y * TY; i0 < n; i0 += gridDim.y * TY) {  // block-uniform
        __syncthreads();  // sb is loaded / the previous sa is no longer being read
        if (tid < 3 * TY && 3 * i0 + tid < 3 * n) sa[tid] = a[3 * i0 + tid];
        __syncthreads();
        int i = i0 + threadIdx.y;
        if (i < n && j < m) {
            const int r = 3 * threadIdx.y, c = 3 * threadIdx.x;
            float dx = sa[r] - sb[c];
            float dy = sa[r + 1] - sb[c + 1];
            float dz = sa[r + 2] - sb[c + 2];
            K[(size_t)i * m + j] = expf(-gamma * (dx * dx + dy * dy + dz * dz));
        }
    }
}

void rbf_kernel_3d_f32_device(int n, int m, const float *a, const float *b, float gamma,
                              float *K) {
    if (n <= 0 || m <= 0) return;
    dim3 block(TX, TY);
    unsigned gy = (unsigned)((n + TY - 1) / TY);
    if (gy > 65535u) gy = 65535u;
    dim3 grid((unsigned)((m + TX - 1) / TX), gy);
    rbf_tiled_kernel<<<grid, block>>>(n, m, a, b, gamma, K);
}
