// As step 3, with the tile padded to 33 columns so that the column read tile[tx][k + ty]
// spreads the warp over all 32 banks instead of one.
#define TILE 32
#define BY 8  // blockDim.y

__global__ void transpose_scale_tiled_kernel(int n, int m, float a, const float *__restrict__ in,
                                             float *__restrict__ out) {
    __shared__ float tile[TILE][TILE + 1];
    const int tx = threadIdx.x, ty = threadIdx.y;
    const int j0 = blockIdx.x * TILE;
    for (int i0 = blockIdx.y * TILE; i0 < n; i0 += gridDim.y * TILE) {  // block-uniform
        __syncthreads();
        int j = j0 + tx;
#pragma unroll
        for (int k = 0; k < TILE; k += BY) {
            int i = i0 + k + ty;
            if (i < n && j < m) tile[k + ty][tx] = a * in[(size_t)i * m + j];
        }
        __syncthreads();
        int oj = i0 + tx;
#pragma unroll
        for (int k = 0; k < TILE; k += BY) {
            int oi = j0 + k + ty;
            if (oi < m && oj < n) out[(size_t)oi * n + oj] = tile[tx][k + ty];
        }
    }
}

void transpose_scale_f32_device(int n, int m, float a, const float *in, float *out) {
    if (n <= 0 || m <= 0) return;
    dim3 block(TILE, BY);
    unsigned gy = (unsigned)((n + TILE - 1) / TILE);
    if (gy > 65535u) gy = 65535u;
    dim3 grid((unsigned)((m + TILE - 1) / TILE), gy);
    transpose_scale_tiled_kernel<<<grid, block>>>(n, m, a, in, out);
}
