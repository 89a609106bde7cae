#include <algorithm>

// 2D mapping over the trailing (n-1) x (m-1) block: thread (i, j), i >= 1, j >= 1, computes
// its row's multiplier A[i][0] / A[0][0] and updates A[i][j]. The multipliers are stored into
// column 0 by a second kernel: doing it in the first one would race with the threads of the
// same row that still read the original A[i][0].
__global__ void lu_update_kernel(int n, int m, float *A) {
    int j = 1 + blockIdx.x * blockDim.x + threadIdx.x;
    if (j >= m) return;
    for (int i = 1 + blockIdx.y * blockDim.y + threadIdx.y; i < n; i += gridDim.y * blockDim.y) {
        float l = A[(size_t)i * m] / A[0];
        A[(size_t)i * m + j] -= l * A[j];
    }
}

__global__ void lu_store_multipliers_kernel(int n, int m, float *A) {
    int i = 1 + blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) A[(size_t)i * m] = A[(size_t)i * m] / A[0];
}

void lu_eliminate_step_f32_device(int n, int m, float *A) {
    if (n <= 1 || m <= 0) return;
    if (m > 1) {
        dim3 block(32, 8);
        dim3 grid((m - 1 + 31) / 32, std::min((n - 1 + 7) / 8, 65535));
        lu_update_kernel<<<grid, block>>>(n, m, A);
    }
    lu_store_multipliers_kernel<<<(n - 1 + 255) / 256, 256>>>(n, m, A);
}
