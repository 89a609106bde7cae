// Each block stages its 256 samples plus a 2-sample halo on each side in shared memory
// (halo indices clamped to [0, n-1]), so every input is read from global memory once.
#define BLOCK 256
#define RADIUS 2

__device__ __forceinline__ int clamp_index(int i, int n) { return i < 0 ? 0 : (i > n - 1 ? n - 1 : i); }

__global__ void smooth5_tiled_kernel(int n, const float *__restrict__ x, float *__restrict__ y) {
    __shared__ float tile[BLOCK + 2 * RADIUS];
    int base = blockIdx.x * BLOCK;
    // tile[t] holds x[clamp(base + t - RADIUS)]
    for (int t = threadIdx.x; t < BLOCK + 2 * RADIUS; t += BLOCK)
        tile[t] = x[clamp_index(base + t - RADIUS, n)];
    __syncthreads();
    int i = base + threadIdx.x;
    if (i < n) {
        int t = threadIdx.x + RADIUS;
        y[i] = (tile[t - 2] + 4.0f * tile[t - 1] + 6.0f * tile[t] + 4.0f * tile[t + 1] +
                tile[t + 2]) * (1.0f / 16.0f);
    }
}

void smooth5_1d_f32_device(int n, const float *x, float *y) {
    if (n <= 0) return;
    smooth5_tiled_kernel<<<(n + BLOCK - 1) / BLOCK, BLOCK>>>(n, x, y);
}
