// Shared-memory tiling: the block loads a tile of 1024 elements of a with coalesced loads
// (4 per thread), then each thread compares its query with the whole tile from shared
// memory. Every global element is loaded once per block instead of once per warp.
#define BLOCK 256
#define TILE 1024

__global__ void count_less_tiled_kernel(int n, const float *a, int q, const float *queries,
                                        int *pos) {
    __shared__ float tile[TILE];
    int t = blockIdx.x * BLOCK + threadIdx.x;
    float v = t < q ? queries[t] : 0.0f;
    int c = 0;
    for (int j0 = 0; j0 < n; j0 += TILE) {
        int len = min(TILE, n - j0);
        for (int k = threadIdx.x; k < len; k += BLOCK) tile[k] = a[j0 + k];
        __syncthreads();
        for (int k = 0; k < len; k++) c += tile[k] < v;
        __syncthreads();
    }
    if (t < q) pos[t] = c;
}

void count_less_than_f32_device(int n, const float *a, int q, const float *queries, int *pos) {
    if (q <= 0) return;
    count_less_tiled_kernel<<<(q + BLOCK - 1) / BLOCK, BLOCK>>>(n, a, q, queries, pos);
}
