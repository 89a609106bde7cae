// 32 x 32 tiles: the block loads the mirrored tile A[bx-tile][by-tile] row by row (coalesced)
// into shared memory padded to 33 columns (reading it by column then hits 32 different
// banks), and reads its own tile of A directly, also coalesced.
#define TILE 32
#define ROWS 8

__global__ void transpose_add_kernel(int n, const float *__restrict__ a, float *__restrict__ c) {
    __shared__ float tile[TILE][TILE + 1];
    int bx = blockIdx.x * TILE, by = blockIdx.y * TILE;
    // mirrored tile: rows bx.., columns by..
    for (int r = threadIdx.y; r < TILE; r += ROWS) {
        int i = bx + r, j = by + threadIdx.x;
        if (i < n && j < n) tile[r][threadIdx.x] = a[(size_t)i * n + j];
    }
    __syncthreads();
    for (int r = threadIdx.y; r < TILE; r += ROWS) {
        int i = by + r, j = bx + threadIdx.x;  // c[i][j] needs a[j][i] = tile[j - bx][i - by]
        if (i < n && j < n)
            c[(size_t)i * n + j] = a[(size_t)i * n + j] + tile[threadIdx.x][r];
    }
}

void transpose_add_f32_device(int n, const float *a, float *c) {
    if (n <= 0) return;
    dim3 grid((n + TILE - 1) / TILE, (n + TILE - 1) / TILE);
    transpose_add_kernel<<<grid, dim3(TILE, ROWS)>>>(n, a, c);
}
