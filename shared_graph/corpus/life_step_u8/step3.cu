// Each thread now computes ROWS vertically consecutive cells of its column. The 3-cell
// horizontal sums of consecutive tile rows rotate through registers: a thread computes
// ROWS + 2 row sums for ROWS cells instead of 3 * ROWS, and a block covers 32 x 32 cells.
#define TX 32
#define TY 8
#define ROWS 4
#define OY (TY * ROWS)

__global__ void life_regtile_kernel(int n, int m, const unsigned char *__restrict__ cur,
                                    unsigned char *__restrict__ next) {
    __shared__ unsigned char s[OY + 2][TX + 2];
    const int tid = threadIdx.y * TX + threadIdx.x;
    const int j0 = blockIdx.x * TX;
    const int j = j0 + threadIdx.x;
    const int c = threadIdx.x + 1;
    for (int i0 = blockIdx.y * OY; i0 < n; i0 += gridDim.y * OY) {  // block-uniform
        __syncthreads();
        for (int t = tid; t < (OY + 2) * (TX + 2); t += TX * TY) {
            int r = t / (TX + 2), cc = t % (TX + 2);
            int gi = i0 + r - 1, gj = j0 + cc - 1;
            s[r][cc] = (gi >= 0 && gi < n && gj >= 0 && gj < m) ? cur[gi * m + gj] : 0;
        }
        __syncthreads();
        const int r0 = threadIdx.y * ROWS + 1;  // tile row of this thread's first cell
        // row sums of the rows above and at the first cell
        int above = s[r0 - 1][c - 1] + s[r0 - 1][c] + s[r0 - 1][c + 1];
        int here = s[r0][c - 1] + s[r0][c] + s[r0][c + 1];
#pragma unroll
        for (int q = 0; q < ROWS; q++) {
            int r = r0 + q;
            int below = s[r + 1][c - 1] + s[r + 1][c] + s[r + 1][c + 1];
            unsigned char self = s[r][c];
            int alive = above + here + below - self;
            int i = i0 + r - 1;
            if (i < n && j < m) next[i * m + j] = (alive == 3 || (self && alive == 2)) ? 1 : 0;
            above = here;
            here = below;
        }
    }
}

void life_step_u8_device(int n, int m, const unsigned char *cur, unsigned char *next) {
    if (n <= 0 || m <= 0) return;
    dim3 block(TX, TY);
    unsigned gy = (unsigned)((n + OY - 1) / OY);
    if (gy > 65535u) gy = 65535u;
    dim3 grid((unsigned)((m + TX - 1) / TX), gy);
    life_regtile_kernel<<<grid, block>>>(n, m, cur, next);
}
