#include <algorithm>

// One thread per element of C: j (contiguous in B and C) on the x dimension, i on y (striding
// by the grid height, which is capped at 65535). The p loop runs in the sequential order.
__global__ void matmul_f64_naive_kernel(int n, int k, int m, const double *A, const double *B,
                                        double *C) {
    int j = blockIdx.x * blockDim.x + threadIdx.x;
    if (j >= m) return;
    for (int i = blockIdx.y * blockDim.y + threadIdx.y; i < n; i += gridDim.y * blockDim.y) {
        double sum = 0.0;
        for (int p = 0; p < k; p++) sum += A[(size_t)i * k + p] * B[(size_t)p * m + j];
        C[(size_t)i * m + j] = sum;
    }
}

void matmul_f64_device(int n, int k, int m, const double *A, const double *B, double *C) {
    if (n <= 0 || m <= 0) return;
    dim3 block(16, 16);
    dim3 grid((m + 15) / 16, std::min((n + 15) / 16, 65535));
    matmul_f64_naive_kernel<<<grid, block>>>(n, k, m, A, B, C);
}
