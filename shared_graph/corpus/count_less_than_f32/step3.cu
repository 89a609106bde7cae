#include <algorithm>

// The array is split into chunks along blockIdx.y, so that even a handful of queries keeps
// many blocks busy: each block counts its queries against its chunk only (tiled as before)
// and adds the partial count to pos[t] with an integer atomicAdd (exact, order-free). pos
// is zeroed first.
#define BLOCK 256
#define TILE 1024

__global__ void count_less_split_kernel(int n, int chunk, const float *a, int q,
                                        const float *queries, int *pos) {
    __shared__ float tile[TILE];
    int t = blockIdx.x * BLOCK + threadIdx.x;
    float v = t < q ? queries[t] : 0.0f;
    int begin = blockIdx.y * chunk;
    int end = min(n, begin + chunk);
    int c = 0;
    for (int j0 = begin; j0 < end; j0 += TILE) {
        int len = min(TILE, end - j0);
        for (int k = threadIdx.x; k < len; k += BLOCK) tile[k] = a[j0 + k];
        __syncthreads();
        for (int k = 0; k < len; k++) c += tile[k] < v;
        __syncthreads();
    }
    if (t < q && c > 0) atomicAdd(&pos[t], c);
}

void count_less_than_f32_device(int n, const float *a, int q, const float *queries, int *pos) {
    if (q <= 0) return;
    cudaMemsetAsync(pos, 0, (size_t)q * sizeof(int));
    if (n <= 0) return;
    int bx = (q + BLOCK - 1) / BLOCK;
    int tiles = (n + TILE - 1) / TILE;
    // about 1024 blocks in all, never more chunks than tiles (gridDim.y <= 1024)
    int by = std::max(1, std::min(tiles, 1024 / bx));
    int chunk = ((tiles + by - 1) / by) * TILE;  // a whole number of tiles
    by = (n + chunk - 1) / chunk;                // no empty chunk
    dim3 grid(bx, by);
    count_less_split_kernel<<<grid, BLOCK>>>(n, chunk, a, q, queries, pos);
}
