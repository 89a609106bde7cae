// As step 2, with the shared tile padded to 33 columns: reading a tile column tile[tx][ty]
// then touches 32 different banks instead of one (a 32-way conflict without the padding).
#define TILE 32

__global__ void transpose_tiled_kernel(int n, int m, const float *__restrict__ in,
                                       float *__restrict__ out) {
    __shared__ float tile[TILE][TILE + 1];
    const int tx = threadIdx.x, ty = threadIdx.y;
    const int j0 = blockIdx.x * TILE;
    for (int i0 = blockIdx.y * TILE; i0 < n; i0 += gridDim.y * TILE) {  // block-uniform
        __syncthreads();
        int i = i0 + ty, j = j0 + tx;
        if (i < n && j < m) tile[ty][tx] = in[(size_t)i * m + j];
        __syncthreads();
        int oi = j0 + ty, oj = i0 + tx;
        if (oi < m && oj < n) out[(size_t)oi * n + oj] = tile[tx][ty];
    }
}

void transpose_f32_device(int n, int m, const float *in, float *out) {
    if (n <= 0 || m <= 0) return;
    dim3 block(TILE, TILE);
    unsigned gy = (unsigned)((n + TILE - 1) / TILE);
    if (gy > 65535u) gy = 65535u;
    dim3 grid((unsigned)((m + TILE - 1) / TILE), gy);
    transpose_tiled_kernel<<<grid, block>>>(n, m, in, out);
}
