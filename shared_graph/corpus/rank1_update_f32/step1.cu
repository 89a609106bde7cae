#include <algorithm>

// 2D mapping: threadIdx.x/blockIdx.x run over the columns j (contiguous in memory),
// threadIdx.y/blockIdx.y over the rows i. gridDim.y is capped at 65535, so the row index
// strides by the grid height to cover any n.
__global__ void rank1_kernel(int n, int m, float alpha, const float *x, const float *y,
                             float *A) {
    int j = blockIdx.x * blockDim.x + threadIdx.x;
    if (j >= m) return;
    for (int i = blockIdx.y * blockDim.y + threadIdx.y; i < n; i += gridDim.y * blockDim.y) {
        float ax = alpha * x[i];
        A[(size_t)i * m + j] += ax * y[j];
    }
}

void rank1_update_f32_device(int n, int m, float alpha, const float *x, const float *y,
                             float *A) {
    if (n <= 0 || m <= 0) return;
    dim3 block(32, 8);
    dim3 grid((m + 31) / 32, std::min((n + 7) / 8, 65535));
    rank1_kernel<<<grid, block>>>(n, m, alpha, x, y, A);
}
