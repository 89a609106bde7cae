// 32 x 8 output tiles; u for the tile plus a one-cell halo is staged in shared memory
// (each value read from global memory once per block instead of five times), u_prev is read
// once through the read-only cache. Column index on threadIdx.x: coalesced rows.
#define TX 32
#define TY 8

__global__ void wave_kernel(int n, int m, const float *__restrict__ u,
                            const float *__restrict__ u_prev, float c2,
                            float *__restrict__ u_next) {
    __shared__ float s[TY + 2][TX + 2];
    int j = blockIdx.x * TX + threadIdx.x, i = blockIdx.y * TY + threadIdx.y;
    int j0 = blockIdx.x * TX - 1, i0 = blockIdx.y * TY - 1;
    for (int r = threadIdx.y; r < TY + 2; r += TY)
        for (int q = threadIdx.x; q < TX + 2; q += TX) {
            int gi = i0 + r, gj = j0 + q;
            s[r][q] = (gi >= 0 && gi < n && gj >= 0 && gj < m) ? u[(size_t)gi * m + gj] : 0.0f;
        }
    __syncthreads();
    if (i >= n || j >= m) return;
    size_t k = (size_t)i * m + j;
    float c = s[threadIdx.y + 1][threadIdx.x + 1];
    if (i == 0 || j == 0 || i == n - 1 || j == m - 1) {
        u_next[k] = c;
        return;
    }
    float lap = s[threadIdx.y][threadIdx.x + 1] + s[threadIdx.y + 2][threadIdx.x + 1] +
                s[threadIdx.y + 1][threadIdx.x] + s[threadIdx.y + 1][threadIdx.x + 2] - 4.0f * c;
    u_next[k] = 2.0f * c - __ldg(u_prev + k) + c2 * lap;
}

void wave2d_step_f32_device(int n, int m, const float *u, const float *u_prev, float c2,
                            float *u_next) {
    if (n <= 0 || m <= 0) return;
    dim3 grid((m + TX - 1) / TX, (n + TY - 1) / TY);
    wave_kernel<<<grid, dim3(TX, TY)>>>(n, m, u, u_prev, c2, u_next);
}
