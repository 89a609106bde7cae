#include <algorithm>

// Thread coarsening: each thread updates one column j in ROWS consecutive rows of its block's
// row band. y[j] is loaded once into a register and reused ROWS times; x[i] is the same for
// all threads of a row (one broadcast load per warp).
#define ROWS 8

__global__ void rank1_coarse_kernel(int n, int m, float alpha, const float *x, const float *y,
                                    float *A) {
    int j = blockIdx.x * blockDim.x + threadIdx.x;
    if (j >= m) return;
    float yj = y[j];
    int band = blockDim.y * ROWS;  // rows covered by one block
    for (int i0 = blockIdx.y * band + threadIdx.y * ROWS; i0 < n; i0 += gridDim.y * band) {
        int i1 = min(n, i0 + ROWS);
        for (int i = i0; i < i1; i++) {
            float ax = alpha * x[i];
            A[(size_t)i * m + j] += ax * yj;
        }
    }
}

void rank1_update_f32_device(int n, int m, float alpha, const float *x, const float *y,
                             float *A) {
    if (n <= 0 || m <= 0) return;
    dim3 block(32, 8);
    int band = 8 * ROWS;
    dim3 grid((m + 31) / 32, std::min((n + band - 1) / band, 65535));
    rank1_coarse_kernel<<<grid, block>>>(n, m, alpha, x, y, A);
}
