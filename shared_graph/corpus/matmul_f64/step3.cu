#include <algorithm>

// Register tiling: a block of 32 x 8 threads computes a 32 x 32 tile of C; each thread keeps
// 4 outputs (rows ty, ty+8, ty+16, ty+24 of the tile, column tx) in registers, so each value
// it reads from the B tile feeds 4 multiply-adds and the A reads are warp broadcasts. The
// products are still added in increasing p for every output.
#define TILE 32
#define RY 4
#define BY (TILE / RY)  // blockDim.y = 8

__global__ void matmul_f64_regtile_kernel(int n, int k, int m, const double *A,
                                          const double *B, double *C) {
    __shared__ double As[TILE][TILE];  // As[r][q] = A[i0 + r][p0 + q]
    __shared__ double Bs[TILE][TILE];  // Bs[q][c] = B[p0 + q][j0 + c]
    int tx = threadIdx.x, ty = threadIdx.y;
    int j = blockIdx.x * TILE + tx;
    int tiles_n = (n + TILE - 1) / TILE;
    for (int bi = blockIdx.y; bi < tiles_n; bi += gridDim.y) {
        int i0 = bi * TILE;
        double acc[RY];
#pragma unroll
        for (int r = 0; r < RY; r++) acc[r] = 0.0;
        for (int p0 = 0; p0 < k; p0 += TILE) {
#pragma unroll
            for (int r = 0; r < RY; r++) {
                int row = ty + r * BY;
                As[row][tx] =
                    (i0 + row < n && p0 + tx < k) ? A[(size_t)(i0 + row) * k + p0 + tx] : 0.0;
                Bs[row][tx] = (p0 + row < k && j < m) ? B[(size_t)(p0 + row) * m + j] : 0.0;
            }
            __syncthreads();
            int qmax = min(TILE, k - p0);
            for (int q = 0; q < qmax; q++) {
                double b = Bs[q][tx];
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

void matmul_f64_device(int n, int k, int m, const double *A, const double *B, double *C) {
    if (n <= 0 || m <= 0) return;
    dim3 block(TILE, BY);
    dim3 grid((m + TILE - 1) / TILE, std::min((n + TILE - 1) / TILE, 65535));
    matmul_f64_regtile_kernel<<<grid, block>>>(n, k, m, A, B, C);
}
