// Each 32 x 8 block stages its cells plus a one-cell halo in shared memory; halo cells outside
// the board are stored as 0 (dead), so the neighbour count needs no bounds tests.
#define TX 32
#define TY 8

__global__ void life_tiled_kernel(int n, int m, const unsigned char *__restrict__ cur,
                                  unsigned char *__restrict__ next) {
    __shared__ unsigned char s[TY + 2][TX + 2];
    const int tid = threadIdx.y * TX + threadIdx.x;
    const int j0 = blockIdx.x * TX;
    const int j = j0 + threadIdx.x;
    for (int i0 = blockIdx.y * TY; i0 < n; i0 += gridDim.y * TY) {  // block-uniform
        __syncthreads();
        for (int t = tid; t < (TY + 2) * (TX + 2); t += TX * TY) {
            int r = t / (TX + 2), c = t % (TX + 2);
            int gi = i0 + r - 1, gj = j0 + c - 1;
            s[r][c] = (gi >= 0 && gi < n && gj >= 0 && gj < m) ? cur[gi * m + gj] : 0;
        }
        __syncthreads();
        int i = i0 + threadIdx.y;
        if (i < n && j < m) {
            int r = threadIdx.y + 1, c = threadIdx.x + 1;
            int alive = s[r - 1][c - 1] + s[r - 1][c] + s[r - 1][c + 1] + s[r][c - 1] +
                        s[r][c + 1] + s[r + 1][c - 1] + s[r + 1][c] + s[r + 1][c + 1];
            unsigned char self = s[r][c];
            next[i * m + j] = (alive == 3 || (self && alive == 2)) ? 1 : 0;
        }
    }
}

void life_step_u8_device(int n, int m, const unsigned char *cur, unsigned char *next) {
    if (n <= 0 || m <= 0) return;
    dim3 block(TX, TY);
    unsigned gy = (unsigned)((n + TY - 1) / TY);
    if (gy > 65535u) gy = 65535u;
    dim3 grid((unsigned)((m + TX - 1) / TX), gy);
    life_tiled_kernel<<<grid, block>>>(n, m, cur, next);
}
