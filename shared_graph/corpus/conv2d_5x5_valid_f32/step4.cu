// Register tiling: each thread computes ROWS = 4 vertically consecutive outputs. Their 5x5
// windows overlap in 8 input rows, so each shared value of the thread's column window is read
// once and multiplied into every accumulator that uses it (40 shared reads per 4 outputs
// instead of 100). A 32 x 8 block now covers 32 x 32 outputs with a 36 x 36 tile.
#define TX 32
#define TY 8
#define ROWS 4
#define OY (TY * ROWS)

__constant__ float c_w[25];

__global__ void conv5x5_regtile_kernel(int n, int m, const float *__restrict__ img,
                                       float *__restrict__ out) {
    __shared__ float s[OY + 4][TX + 4];
    const int wi = m + 4;
    const int tid = threadIdx.y * TX + threadIdx.x;
    const int j0 = blockIdx.x * TX;
    const int j = j0 + threadIdx.x;
    const int rb = threadIdx.y * ROWS;  // first tile row of this thread's outputs
    for (int i0 = blockIdx.y * OY; i0 < n; i0 += gridDim.y * OY) {  // block-uniform
        __syncthreads();
        for (int t = tid; t < (OY + 4) * (TX + 4); t += TX * TY) {
            int r = t / (TX + 4), c = t % (TX + 4);
            int gi = i0 + r, gj = j0 + c;
            s[r][c] = (gi < n + 4 && gj < wi) ? img[gi * wi + gj] : 0.0f;
        }
        __syncthreads();
        float acc[ROWS];
#pragma unroll
        for (int q = 0; q < ROWS; q++) acc[q] = 0.0f;
        // input row r of the window feeds output q with filter row di = r - q (same tap order
        // per output as the C code: di ascending, then dj ascending)
#pragma unroll
        for (int r = 0; r < ROWS + 4; r++) {
#pragma unroll
            for (int dj = 0; dj < 5; dj++) {
                float v = s[rb + r][threadIdx.x + dj];
#pragma unroll
                for (int q = 0; q < ROWS; q++) {
                    int di = r - q;
                    if (di >= 0 && di < 5) acc[q] += c_w[di * 5 + dj] * v;
                }
            }
        }
#pragma unroll
        for (int q = 0; q < ROWS; q++) {
            int i = i0 + rb + q;
            if (i < n && j < m) out[i * m + j] = acc[q];
        }
    }
}

void conv2d_5x5_valid_f32_device(int n, int m, const float *img, const float *w, float *out) {
    if (n <= 0 || m <= 0) return;
    cudaMemcpyToSymbolAsync(c_w, w, 25 * sizeof(float), 0, cudaMemcpyDeviceToDevice, 0);
    dim3 block(TX, TY);
    unsigned gy = (unsigned)((n + OY - 1) / OY);
    if (gy > 65535u) gy = 65535u;
    dim3 grid((unsigned)((m + TX - 1) / TX), gy);
    conv5x5_regtile_kernel<<<grid, block>>>(n, m, img, out);
}
