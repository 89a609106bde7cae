#include <math.h>

// 2D mapping over the n x m kernel matrix: x over the columns j (contiguous in K), y over the
// rows i. gridDim.y is capped at 65535 and rows beyond it are covered by looping over y.
__global__ void rbf_kernel(int n, int m, const float *a, const float *b, float gamma, float *K) {
    int j = blockIdx.x * blockDim.x + threadIdx.x;
    if (j >= m) return;
    for (int i = blockIdx.y * blockDim.y + threadIdx.y; i < n; i += gridDim.y * blockDim.y) {
        float dx = a[3 * i] - b[3 * j];
        float dy = a[3 * i + 1] - b[3 * j + 1];
        float dz = a[3 * i + 2] - b[3 * j + 2];
        K[(size_t)i * m + j] = expf(-gamma * (dx * dx + dy * dy + dz * dz));
    }
}

void rbf_kernel_3d_f32_device(int n, int m, const float *a, const float *b, float gamma,
                              float *K) {
    if (n <= 0 || m <= 0) return;
    dim3 block(32, 8);
    unsigned gy = (unsigned)((n + 7) / 8);
    if (gy > 65535u) gy = 65535u;
    dim3 grid((unsigned)((m + 31) / 32), gy);
    rbf_kernel<<<grid, block>>>(n, m, a, b, gamma, K);
}
