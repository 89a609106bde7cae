// As step 2, with the tile padded to 33 doubles per row: the column read tile[tx][k] then
// strides 66 four-byte banks per thread, so each half-warp's 8-byte reads hit distinct bank
// pairs instead of all landing on the same one.
#define TILE 32
#define BY 8  // blockDim.y

__global__ void transpose_tiled_kernel(int rows, int cols, const double *__restrict__ a,
                                       double *__restrict__ at) {
    __shared__ double tile[TILE][TILE + 1];
    const int tx = threadIdx.x, ty = threadIdx.y;
    const int c0 = blockIdx.x * TILE;
    for (int r0 = blockIdx.y * TILE; r0 < rows; r0 += gridDim.y * TILE) {  // block-uniform
        __syncthreads();
        int c = c0 + tx;
        for (int k = ty; k < TILE; k += BY) {
            int r = r0 + k;
            if (r < rows && c < cols) tile[k][tx] = a[(size_t)r * cols + c];
        }
        __syncthreads();
        int oc = r0 + tx;
        for (int k = ty; k < TILE; k += BY) {
            int orow = c0 + k;
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
