#include <algorithm>

// The rows are also split among blocks (blockIdx.y picks a chunk of rows), so that a matrix
// with few columns still fills the GPU. Each block reduces its 32 x 8 partial sums in shared
// memory and adds one value per column to y with atomicAdd; y is zeroed first.
#define TY 8

__global__ void matvec_t_split_kernel(int n, int m, int rows_per_chunk, const float *A,
                                      const float *x, float *y) {
    __shared__ float part[TY][32];
    int tx = threadIdx.x, ty = threadIdx.y;
    int j = blockIdx.x * 32 + tx;
    int r0 = blockIdx.y * rows_per_chunk;
    int r1 = min(n, r0 + rows_per_chunk);
    float sum = 0.0f;
    if (j < m)
        for (int i = r0 + ty; i < r1; i += TY) sum += A[(size_t)i * m + j] * x[i];
    part[ty][tx] = sum;
    __syncthreads();
    if (ty == 0 && j < m) {
        float s = part[0][tx];
        for (int k = 1; k < TY; k++) s += part[k][tx];
        atomicAdd(&y[j], s);
    }
}

void matvec_transpose_f32_device(int n, int m, const float *A, const float *x, float *y) {
    if (m <= 0) return;
    cudaMemsetAsync(y, 0, (size_t)m * sizeof(float));
    if (n <= 0) return;
    int bx = (m + 31) / 32;
    // about 2048 blocks in all, each chunk at least 64 rows; gridDim.y stays <= 2048
    int by = std::max(1, std::min((n + 63) / 64, 2048 / bx));
    int rows_per_chunk = (n + by - 1) / by;
    by = (n + rows_per_chunk - 1) / rows_per_chunk;  // no empty chunk
    dim3 block(32, TY), grid(bx, by);
    matvec_t_split_kernel<<<grid, block>>>(n, m, rows_per_chunk, A, x, y);
}
