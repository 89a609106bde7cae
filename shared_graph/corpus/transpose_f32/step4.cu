// Thread coarsening: 32 x 8 threads move a 32 x 32 tile, each thread copying 4 elements (rows
// ty, ty + 8, ty + 16, ty + 24) in and out of the padded shared tile.
#define TILE 32
#define ROWS 8  // blockDim.y

__global__ void transpose_coarse_kernel(int n, int m, const float *__restrict__ in,
                                        float *__restrict__ out) {
    __shared__ float tile[TILE][TILE + 1];
    const int tx = threadIdx.x, ty = threadIdx.y;
    const int j0 = blockIdx.x * TILE;
    for (int i0 = blockIdx.y * TILE; i0 < n; i0 += gridDim.y * TILE) {  // block-uniform
        __syncthreads();
        int j = j0 + tx;
#pragma unroll
        for (int r = ty; r < TILE; r += ROWS) {
            int i = i0 + r;
            if (i < n && j < m) tile[r][tx] = in[(size_t)i * m + j];
        }
        __syncthreads();
        int oj = i0 + tx;
#pragma unroll
        for (int r = ty; r < TILE; r += ROWS) {
            int oi = j0 + r;
            if (oi < m && oj < n) out[(size_t)oi * n + oj] = tile[tx][r];
        }
    }
}

void transpose_f32_device(int n, int m, const float *in, float *out) {
    if (n <= 0 || m <= 0) return;
    dim3 block(TILE, ROWS);
    unsigned gy = (unsigned)((n + TILE - 1) / TILE);
    if (gy > 65535u) gy = 65535u;
    dim3 grid((unsigned)((m + TILE - 1) / TILE), gy);
    transpose_coarse_kernel<<<grid, block>>>(n, m, in, out);
}
