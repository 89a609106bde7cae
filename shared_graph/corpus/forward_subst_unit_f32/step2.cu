// Blocked forward substitution with blocks of NB = 32 columns. For each block:
// 1. one warp solves the 32 x 32 unit lower-triangular diagonal block: it stages the block in
//    shared memory (coalesced row reads), each lane holds one unknown, and column c is
//    eliminated after lane c's unknown is broadcast with a shuffle;
// 2. all rows below the block subtract L[i][jb..jb+nb) . x[jb..jb+nb), one warp per row:
//    the 32 lanes read 32 consecutive floats of the row (coalesced) and reduce with shuffles.
// That is 2 launches per 32 columns instead of one per column, and L is read along rows.
#define NB 32

__global__ void copy_kernel(int n, const float *b, float *x) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) x[i] = b[i];
}

// <<<1, 32>>>: solve the diagonal block starting at row/column jb, nb = min(32, n - jb).
__global__ void diag_block_kernel(int n, int jb, int nb, const float *L, float *x) {
    __shared__ float T[NB][NB + 1];  // T[r][c] = L[jb + r][jb + c]
    int lane = threadIdx.x;
    for (int r = 0; r < nb; r++)
        T[r][lane] = (lane < nb) ? L[(size_t)(jb + r) * n + jb + lane] : 0.0f;
    __syncwarp();
    float xr = (lane < nb) ? x[jb + lane] : 0.0f;
    for (int c = 0; c < nb - 1; c++) {
        float xc = __shfl_sync(0xffffffffu, xr, c);  // x[jb + c] is final now
        if (lane > c && lane < nb) xr -= T[lane][c] * xc;
    }
    if (lane < nb) x[jb + lane] = xr;
}

// One warp per row i >= jb + nb: x[i] -= sum_c L[i][jb + c] * x[jb + c].
__global__ void update_rows_kernel(int n, int jb, int nb, const float *L, float *x) {
    int lane = threadIdx.x & 31;
    int i = jb + nb + blockIdx.x * (blockDim.x >> 5) + (threadIdx.x >> 5);
    if (i >= n) return;  // uniform per warp
    float s = (lane < nb) ? L[(size_t)i * n + jb + lane] * x[jb + lane] : 0.0f;
    for (int off = 16; off > 0; off >>= 1) s += __shfl_down_sync(0xffffffffu, s, off);
    if (lane == 0) x[i] -= s;
}

void forward_subst_unit_f32_device(int n, const float *L, const float *b, float *x) {
    if (n <= 0) return;
    copy_kernel<<<(n + 255) / 256, 256>>>(n, b, x);
    for (int jb = 0; jb < n; jb += NB) {
        int nb = n - jb < NB ? n - jb : NB;
        diag_block_kernel<<<1, 32>>>(n, jb, nb, L, x);
        int rows = n - jb - nb;
        if (rows > 0) update_rows_kernel<<<(rows + 7) / 8, 256>>>(n, jb, nb, L, x);
    }
}
