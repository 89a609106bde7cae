// Each 32 x 8 block now computes a 32 x 32 output tile: every thread handles 4 rows (spaced
// 8 apart), so the halo of the shared tile is shared by 4x more outputs.
#define TX 32
#define TY 8
#define ROWS 4             // outputs per thread
#define OY (TY * ROWS)     // output rows per block

__global__ void laplacian_coarse_kernel(int n, int m, const float *__restrict__ u,
                                        float *__restrict__ lap) {
    __shared__ float s[OY + 2][TX + 2];
    const int tid = threadIdx.y * TX + threadIdx.x;
    const int j0 = blockIdx.x * TX;
    const int j = j0 + threadIdx.x;
    for (int i0 = blockIdx.y * OY; i0 < n; i0 += gridDim.y * OY) {
        __syncthreads();
        for (int t = tid; t < (OY + 2) * (TX + 2); t += TX * TY) {
            int r = t / (TX + 2), c = t % (TX + 2);
            int gi = i0 + r - 1, gj = j0 + c - 1;
            s[r][c] = (gi >= 0 && gi < n && gj >= 0 && gj < m) ? u[gi * m + gj] : 0.0f;
        }
        __syncthreads();
        if (j < m) {
#pragma unroll
            for (int k = 0; k < ROWS; k++) {
                int ly = threadIdx.y + k * TY;
                int i = i0 + ly;
                if (i < n) {
                    int r = ly + 1, c = threadIdx.x + 1;
                    if (i == 0 || j == 0 || i == n - 1 || j == m - 1)
                        lap[i * m + j] = 0.0f;
                    else
                        lap[i * m + j] = s[r - 1][c] + s[r + 1][c] + s[r][c - 1] + s[r][c + 1] -
                                         4.0f * s[r][c];
                }
            }
        }
    }
}

void laplacian5_2d_f32_device(int n, int m, const float *u, float *lap) {
    if (n <= 0 || m <= 0) return;
    dim3 block(TX, TY);
    unsigned gy = (unsigned)((n + OY - 1) / OY);
    if (gy > 65535u) gy = 65535u;
    dim3 grid((unsigned)((m + TX - 1) / TX), gy);
    laplacian_coarse_kernel<<<grid, block>>>(n, m, u, lap);
}
