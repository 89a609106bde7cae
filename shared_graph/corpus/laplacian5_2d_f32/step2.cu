// Each 32 x 8 block stages a (8 + 2) x (32 + 2) tile (one halo row/column on each side) in
// shared memory; the five taps of every interior point are then read from shared memory.
#define TX 32
#define TY 8

__global__ void laplacian_tiled_kernel(int n, int m, const float *__restrict__ u,
                                       float *__restrict__ lap) {
    __shared__ float s[TY + 2][TX + 2];
    const int tid = threadIdx.y * TX + threadIdx.x;
    const int j0 = blockIdx.x * TX;
    const int j = j0 + threadIdx.x;
    // Block-uniform loop over row tiles (gridDim.y is capped at 65535).
    for (int i0 = blockIdx.y * TY; i0 < n; i0 += gridDim.y * TY) {
        __syncthreads();  // the previous tile is no longer being read
        for (int t = tid; t < (TY + 2) * (TX + 2); t += TX * TY) {
            int r = t / (TX + 2), c = t % (TX + 2);
            int gi = i0 + r - 1, gj = j0 + c - 1;
            s[r][c] = (gi >= 0 && gi < n && gj >= 0 && gj < m) ? u[gi * m + gj] : 0.0f;
        }
        __syncthreads();
        int i = i0 + threadIdx.y;
        if (i < n && j < m) {
            int r = threadIdx.y + 1, c = threadIdx.x + 1;
            if (i == 0 || j == 0 || i == n - 1 || j == m - 1)
                lap[i * m + j] = 0.0f;
            else
                lap[i * m + j] = s[r - 1][c] + s[r + 1][c] + s[r][c - 1] + s[r][c + 1] -
                                 4.0f * s[r][c];
        }
    }
}

void laplacian5_2d_f32_device(int n, int m, const float *u, float *lap) {
    if (n <= 0 || m <= 0) return;
    dim3 block(TX, TY);
    unsigned gy = (unsigned)((n + TY - 1) / TY);
    if (gy > 65535u) gy = 65535u;
    dim3 grid((unsigned)((m + TX - 1) / TX), gy);
    laplacian_tiled_kernel<<<grid, block>>>(n, m, u, lap);
}
