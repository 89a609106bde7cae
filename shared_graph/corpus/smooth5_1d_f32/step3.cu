// Each thread computes COARSEN outputs spaced BLOCK apart (so stores stay coalesced); a block
// covers BLOCK * COARSEN samples and loads only one halo of 2 * RADIUS for all of them.
#define BLOCK 256
#define COARSEN 4
#define RADIUS 2
#define TILE (BLOCK * COARSEN)

__device__ __forceinline__ int clamp_index(int i, int n) { return i < 0 ? 0 : (i > n - 1 ? n - 1 : i); }

__global__ void smooth5_coarse_kernel(int n, const float *__restrict__ x, float *__restrict__ y) {
    __shared__ float tile[TILE + 2 * RADIUS];
    int base = blockIdx.x * TILE;
    // tile[t] holds x[clamp(base + t - RADIUS)]
    for (int t = threadIdx.x; t < TILE + 2 * RADIUS; t += BLOCK)
        tile[t] = x[clamp_index(base + t - RADIUS, n)];
    __syncthreads();
#pragma unroll
    for (int c = 0; c < COARSEN; c++) {
        int local = c * BLOCK + threadIdx.x;
        int i = base + local;
        if (i < n) {
            int t = local + RADIUS;
            y[i] = (tile[t - 2] + 4.0f * tile[t - 1] + 6.0f * tile[t] + 4.0f * tile[t + 1] +
                    tile[t + 2]) * (1.0f / 16.0f);
        }
    }
}

void smooth5_1d_f32_device(int n, const float *x, float *y) {
    if (n <= 0) return;
    smooth5_coarse_kernel<<<(n + TILE - 1) / TILE, BLOCK>>>(n, x, y);
}
