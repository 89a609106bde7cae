#include <algorithm>

// Thread coarsening: a block of 256 threads owns 256 columns and a band of ROWS rows. The
// band's ROWS multipliers are computed once into shared memory (instead of once per thread),
// each thread loads its pivot-row element A[0][j] once into a register and updates its column
// in all ROWS rows (each row update is one coalesced 1 KB access by the block).
#define ROWS 16

__global__ void lu_update_coarse_kernel(int n, int m, float *A) {
    __shared__ float l[ROWS];
    int j = 1 + blockIdx.x * blockDim.x + threadIdx.x;
    float pivot_j = (j < m) ? A[j] : 0.0f;
    for (int i0 = 1 + blockIdx.y * ROWS; i0 < n; i0 += gridDim.y * ROWS) {
        int rows = min(ROWS, n - i0);
        if (threadIdx.x < rows) l[threadIdx.x] = A[(size_t)(i0 + threadIdx.x) * m] / A[0];
        __syncthreads();
        if (j < m)
            for (int r = 0; r < rows; r++) A[(size_t)(i0 + r) * m + j] -= l[r] * pivot_j;
        __syncthreads();  // l is overwritten by the next band
    }
}

__global__ void lu_store_multipliers_kernel(int n, int m, float *A) {
    int i = 1 + blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) A[(size_t)i * m] = A[(size_t)i * m] / A[0];
}

void lu_eliminate_step_f32_device(int n, int m, float *A) {
    if (n <= 1 || m <= 0) return;
    if (m > 1) {
        int block = 256;
        dim3 grid((m - 1 + block - 1) / block, std::min((n - 1 + ROWS - 1) / ROWS, 65535));
        lu_update_coarse_kernel<<<grid, block>>>(n, m, A);
    }
    lu_store_multipliers_kernel<<<(n - 1 + 255) / 256, 256>>>(n, m, A);
}
