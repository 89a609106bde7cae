#include <algorithm>

// Shared-memory tiling: a 16 x 16 block computes a 16 x 16 tile of C, stepping through p in
// slices of 16. Each slice stages a 16 x 16 tile of A and of B in shared memory (coalesced
// loads, zero fill outside the matrices) that the block then reuses 16 times. Each thread
// still adds its products in increasing p, as the sequential loop does.
#define TILE 16

__global__ void matmul_f64_tiled_kernel(int n, int k, int m, const double *A, const double *B,
                                        double *C) {
    __shared__ double As[TILE][TILE];  // As[r][q] = A[i0 + r][p0 + q]
    __shared__ double Bs[TILE][TILE];  // Bs[q][c] = B[p0 + q][j0 + c]
    int tx = threadIdx.x, ty = threadIdx.y;
    int j = blockIdx.x * TILE + tx;
    int tiles_n = (n + TILE - 1) / TILE;
    for (int bi = blockIdx.y; bi < tiles_n; bi += gridDim.y) {
        int i = bi * TILE + ty;
        double sum = 0.0;
        for (int p0 = 0; p0 < k; p0 += TILE) {
            As[ty][tx] = (i < n && p0 + tx < k) ? A[(size_t)i * k + p0 + tx] : 0.0;
            Bs[ty][tx] = (p0 + ty < k && j < m) ? B[(size_t)(p0 + ty) * m + j] : 0.0;
            __syncthreads();
            int qmax = min(TILE, k - p0);  // no padded terms: exactly the sequential products
            for (int q = 0; q < qmax; q++) sum += As[ty][q] * Bs[q][tx];
            __syncthreads();
        }
        if (i < n && j < m) C[(size_t)i * m + j] = sum;
    }
}

void matmul_f64_device(int n, int k, int m, const double *A, const double *B, double *C) {
    if (n <= 0 || m <= 0) return;
    dim3 block(TILE, TILE);
    dim3 grid((m + TILE - 1) / TILE, std::min((n + TILE - 1) / TILE, 65535));
    matmul_f64_tiled_kernel<<<grid, block>>>(n, k, m, A, B, C);
}
