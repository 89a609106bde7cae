#include <algorithm>

// Shared-memory tiling: a 16 x 16 block computes a 16 x 16 tile of C. For each slice of 16
// values of p it stages 16 rows of A and 16 rows of B (both read along p, so coalesced) in
// shared memory, then every thread takes its 16 products from there.
#define TILE 16

__global__ void abt_tiled_kernel(int n, int m, int k, const float *A, const float *B,
                                 float *C) {
    __shared__ float As[TILE][TILE];  // As[r][p] = A[i0 + r][p0 + p]
    // One column of padding: in the inner loop the threads of a warp read Bs[tx][q] for
    // consecutive tx, addresses TILE+1 = 17 words apart, which fall in different banks (with
    // a row length of 16 they hit only 2 banks: an 8-way conflict).
    __shared__ float Bs[TILE][TILE + 1];  // Bs[c][p] = B[j0 + c][p0 + p]
    int tx = threadIdx.x, ty = threadIdx.y;
    int j0 = blockIdx.x * TILE;
    int j = j0 + tx;
    int tiles_n = (n + TILE - 1) / TILE;
    for (int bi = blockIdx.y; bi < tiles_n; bi += gridDim.y) {
        int i = bi * TILE + ty;
        float sum = 0.0f;
        for (int p0 = 0; p0 < k; p0 += TILE) {
            int p = p0 + tx;
            As[ty][tx] = (i < n && p < k) ? A[(size_t)i * k + p] : 0.0f;
            Bs[ty][tx] = (j0 + ty < m && p < k) ? B[(size_t)(j0 + ty) * k + p] : 0.0f;
            __syncthreads();
            for (int q = 0; q < TILE; q++) sum += As[ty][q] * Bs[tx][q];
            __syncthreads();
        }
        if (i < n && j < m) C[(size_t)i * m + j] = sum;
    }
}

void matmul_abt_f32_device(int n, int m, int k, const float *A, const float *B, float *C) {
    if (n <= 0 || m <= 0) return;
    dim3 block(TILE, TILE);
    dim3 grid((m + TILE - 1) / TILE, std::min((n + TILE - 1) / TILE, 65535));
    abt_tiled_kernel<<<grid, block>>>(n, m, k, A, B, C);
}
