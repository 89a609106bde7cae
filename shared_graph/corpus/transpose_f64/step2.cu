// Coalesced writes through a shared tile: a 32 x 8 block reads a 32 x 32 tile of doubles row by
// row (each thread 4 rows), and after a barrier writes it transposed, again row by row, so both
// the loads and the stores of a warp are 256 contiguous bytes.
#define TILE 32
#define BY 8  // blockDim.y

__global__ void transpose_tiled_kernel(int rows, int cols, const double *__restrict__ a,
                                       double *__restrict__ at) {
    __shared__ double tile[TILE][TILE];
    const int tx = threadIdx.x, ty = threadIdx.y;
    const int c0 = blockIdx.x * TILE;  // input column tile = output row tile
    for (int r0 = blockIdx.y * TILE; r0 < rows; r0 += gridDim.y * TILE) {  // block-uniform
        __syncthreads();
        int c = c0 + tx;
        for (int k = ty; k < TILE; k += BY) {
            int r = r0 + k;
            if (r < rows && c < cols) tile[k][tx] = a[(size_t)r * cols + c];
        }
        __syncthreads();
        int oc = r0 + tx;  // output column (an input row)
        for (int k = ty; k < TILE; k += BY) {
            int orow = c0 + k;  // output row (an input column)
            if (orow < cols && oc < rows) at[(size_t)orow * rows + oc] = tile[tx][k];
        }
    }
}

void transpose_f64_device(int rows, int cols, const double *a, double *at) {
    if (rows <= 0 || cols <= 0) return;
    dim3 block(TILE, BY);
    unsigned gy = (unsigned)((rows + TILE - 1) / TILE);
    if (gy > 65535u) gy = 65535u;
    dim3 grid((unsigned)((cols + TILE - 1) / TILE), gy);
    transpose_tiled_kernel<<<grid, block>>>(rows, cols, a, at);
}
