// 32 x 32 tiles of complex numbers, blocks of 32 x 8 threads (each thread moves 4 elements).
// - 2D thread mapping: x runs along the contiguous index (columns of a on the way in, columns
//   of b on the way out), y along the rows.
// - shared memory tiling: a tile of a is staged in shared memory and written out transposed.
// - memory coalescing: both the reads of a and the writes of b go along rows, so a warp always
//   touches 32 consecutive complex numbers (256 bytes).
// - bank conflict avoidance: the tile is padded to 33 columns, so the column-wise reads of the
//   transposed write-out fall in different banks.
// - vectorized memory access: a complex number is one float2 (8-byte) load and store; the
//   conjugation flips the sign of .y on the way out.
#define TILE 32
#define ROWS 8

__global__ void conj_transpose_kernel(int rows, int cols, const float2 *__restrict__ a,
                                      float2 *__restrict__ b) {
    __shared__ float2 tile[TILE][TILE + 1];
    int x = blockIdx.x * TILE + threadIdx.x;  // column of a
    int y0 = blockIdx.y * TILE + threadIdx.y;  // row of a
    for (int k = 0; k < TILE; k += ROWS) {
        int y = y0 + k;
        if (x < cols && y < rows) tile[threadIdx.y + k][threadIdx.x] = a[(size_t)y * cols + x];
    }
    __syncthreads();
    int ox = blockIdx.y * TILE + threadIdx.x;  // column of b = row of a
    int oy0 = blockIdx.x * TILE + threadIdx.y;  // row of b = column of a
    for (int k = 0; k < TILE; k += ROWS) {
        int oy = oy0 + k;
        if (ox < rows && oy < cols) {
            float2 v = tile[threadIdx.x][threadIdx.y + k];
            b[(size_t)oy * rows + ox] = make_float2(v.x, -v.y);
        }
    }
}

void conj_transpose_c32_device(int rows, int cols, const float *a, float *b) {
    if (rows <= 0 || cols <= 0) return;
    dim3 block(TILE, ROWS);
    dim3 grid((cols + TILE - 1) / TILE, (rows + TILE - 1) / TILE);
    conj_transpose_kernel<<<grid, block>>>(rows, cols, (const float2 *)a, (float2 *)b);
}
