// 2D mapping: x over columns (contiguous), y over rows, one thread per cell. gridDim.y is capped
// at 65535 and rows beyond it are covered by looping over y.
__global__ void life_kernel(int n, int m, const unsigned char *cur, unsigned char *next) {
    int j = blockIdx.x * blockDim.x + threadIdx.x;
    if (j >= m) return;
    for (int i = blockIdx.y * blockDim.y + threadIdx.y; i < n; i += gridDim.y * blockDim.y) {
        int alive = 0;
        for (int di = -1; di <= 1; di++) {
            for (int dj = -1; dj <= 1; dj++) {
                if (di == 0 && dj == 0) continue;
                int ii = i + di, jj = j + dj;
                if (ii >= 0 && ii < n && jj >= 0 && jj < m) alive += cur[ii * m + jj];
            }
        }
        unsigned char c = cur[i * m + j];
        next[i * m + j] = (alive == 3 || (c && alive == 2)) ? 1 : 0;
    }
}

void life_step_u8_device(int n, int m, const unsigned char *cur, unsigned char *next) {
    if (n <= 0 || m <= 0) return;
    dim3 block(32, 8);
    unsigned gy = (unsigned)((n + 7) / 8);
    if (gy > 65535u) gy = 65535u;
    dim3 grid((unsigned)((m + 31) / 32), gy);
    life_kernel<<<grid, block>>>(n, m, cur, next);
}
