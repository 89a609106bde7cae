#include <algorithm>

// Register tiling: a block of 32 x 8 threads computes a 32 x 32 tile of C, each thread 4
// outputs (rows ty, ty+8, ty+16, ty+24 of the tile, column tx) held in registers. Every value
// read from Bs is used for 4 multiply-adds, and the As reads are broadcasts (the whole warp
// shares ty), so shared-memory traffic per multiply-add drops from 2 loads to 1.25.
#define TILE 32
#define RY 4            // outputs per thread
#define BY (TILE / RY)  // blockDim.y = 8

__global__ void abt_regtile_kernel(int n, int m, int k, const float *A, const float *B,
                                   float *C) {
    __shared__ float As[TILE][TILE];      // As[r][p] = A[i0 + r][p0 + p]
    __shared__ float Bs[TILE][TILE + 1];  // Bs[c][p] = B[j0 + c][p0 + p], padded
    int tx = threadIdx.x, ty = threadIdx.y;
    int j0 = blockIdx.x * TILE;
    int j = j0 + tx;
    int tiles_n = (n + TILE - 1) / TILE;
    for (int bi = blockIdx.y; bi < tiles_n; bi += gridDim.y) {
        int i0 = bi * TILE;
        float acc[RY];
#pragma unroll
        for (int r = 0; r < RY; r++) acc[r] = 0.0f;
        for (int p0 = 0; p0 < k; p0 += TILE) {
            int p = p0 + tx;
#pragma unroll
            for (int r = 0; r < RY; r++) {
                int row = ty + r * BY;
                As[row][tx] = (i0 + row < n && p < k) ? A[(size_t)(i0 + row) * k + p] : 0.0f;
                Bs[row][tx] = (j0 + row < m && p < k) ? B[(size_t)(j0 + row) * k + p] : 0.0f;
            }
            __syncthreads();
#pragma unroll 8
            for (int q = 0; q < TILE; q++) {
                float b = Bs[tx][q];
#pragma unroll
                for (int r = 0; r < RY; r++) acc[r] += As[ty + r * BY][q] * b;
            }
            __syncthreads();
        }
#pragma unroll
        for (int r = 0; r < RY; r++) {
            int i = i0 + ty + r * BY;
            if (i < n && j < m) C[(size_t)i * m + j] = acc[r];
        }
    }
}

void matmul_abt_f32_device(int n, int m, int k, const float *A, const float *B, float *C) {
    if (n <= 0 || m <= 0) return;
    dim3 block(TILE, BY);
    dim3 grid((m + TILE - 1) / TILE, std::min((n + TILE - 1) / TILE, 65535));
    abt_regtile_kernel<<<grid, block>>>(n, m, k, A, B, C);
}
