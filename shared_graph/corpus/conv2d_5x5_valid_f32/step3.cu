// Weights in constant memory as in step 2, plus a shared-memory tile: a 32 x 8 block of outputs
// needs a 12 x 36 input tile (4 extra rows and columns for the valid 5x5 window), loaded once
// per block; the 25 taps per output are then read from shared memory.
#define TX 32
#define TY 8

__constant__ float c_w[25];

__global__ void conv5x5_tiled_kernel(int n, int m, const float *__restrict__ img,
                                     float *__restrict__ out) {
    __shared__ float s[TY + 4][TX + 4];
    const int wi = m + 4;
    const int tid = threadIdx.y * TX + threadIdx.x;
    const int j0 = blockIdx.x * TX;
    const int j = j0 + threadIdx.x;
    for (int i0 = blockIdx.y * TY; i0 < n; i0 += gridDim.y * TY) {  // block-uniform
        __syncthreads();
        // s[r][c] = img[i0 + r][j0 + c]; cells past the input are only used by outputs
        // outside the n x m result, so they are filled with 0
        for (int t = tid; t < (TY + 4) * (TX + 4); t += TX * TY) {
            int r = t / (TX + 4), c = t % (TX + 4);
            int gi = i0 + r, gj = j0 + c;
            s[r][c] = (gi < n + 4 && gj < wi) ? img[gi * wi + gj] : 0.0f;
        }
        __syncthreads();
        int i = i0 + threadIdx.y;
        if (i < n && j < m) {
            float acc = 0.0f;
#pragma unroll
            for (int di = 0; di < 5; di++) {
#pragma unroll
                for (int dj = 0; dj < 5; dj++)
                    acc += c_w[di * 5 + dj] * s[threadIdx.y + di][threadIdx.x + dj];
            }
            out[i * m + j] = acc;
        }
    }
}

void conv2d_5x5_valid_f32_device(int n, int m, const float *img, const float *w, float *out) {
    if (n <= 0 || m <= 0) return;
    cudaMemcpyToSymbolAsync(c_w, w, 25 * sizeof(float), 0, cudaMemcpyDeviceToDevice, 0);
    dim3 block(TX, TY);
    unsigned gy = (unsigned)((n + TY - 1) / TY);
    if (gy > 65535u) gy = 65535u;
    dim3 grid((unsigned)((m + TX - 1) / TX), gy);
    conv5x5_tiled_kernel<<<grid, block>>>(n, m, img, out);
}
