#include <algorithm>

// Register tiling: each thread now answers QPT = 4 queries (t, t+256, t+512, t+768 of its
// block's 1024), holding the 4 query values and 4 counters in registers, so every value read
// from the shared tile is compared 4 times. Chunks along blockIdx.y and atomicAdd as before.
#define BLOCK 256
#define TILE 1024
#define QPT 4

__global__ void count_less_reg_kernel(int n, int chunk, const float *a, int q,
                                      const float *queries, int *pos) {
    __shared__ float tile[TILE];
    int t0 = blockIdx.x * BLOCK * QPT + threadIdx.x;
    float v[QPT];
    int c[QPT];
#pragma unroll
    for (int r = 0; r < QPT; r++) {
        int t = t0 + r * BLOCK;
        v[r] = t < q ? queries[t] : 0.0f;
        c[r] = 0;
    }
    int begin = blockIdx.y * chunk;
    int end = min(n, begin + chunk);
    for (int j0 = begin; j0 < end; j0 += TILE) {
        int len = min(TILE, end - j0);
        for (int k = threadIdx.x; k < len; k += BLOCK) tile[k] = a[j0 + k];
        __syncthreads();
        for (int k = 0; k < len; k++) {
            float e = tile[k];
#pragma unroll
            for (int r = 0; r < QPT; r++) c[r] += e < v[r];
        }
        __syncthreads();
    }
#pragma unroll
    for (int r = 0; r < QPT; r++) {
        int t = t0 + r * BLOCK;
        if (t < q && c[r] > 0) atomicAdd(&pos[t], c[r]);
    }
}

void count_less_than_f32_device(int n, const float *a, int q, const float *queries, int *pos) {
    if (q <= 0) return;
    cudaMemsetAsync(pos, 0, (size_t)q * sizeof(int));
    if (n <= 0) return;
    int per_block = BLOCK * QPT;
    int bx = (q + per_block - 1) / per_block;
    int tiles = (n + TILE - 1) / TILE;
    int by = std::max(1, std::min(tiles, 1024 / bx));
    int chunk = ((tiles + by - 1) / by) * TILE;
    by = (n + chunk - 1) / chunk;
    dim3 grid(bx, by);
    count_less_reg_kernel<<<grid, BLOCK>>>(n, chunk, a, q, queries, pos);
}
