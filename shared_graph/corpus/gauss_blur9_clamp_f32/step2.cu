// Each 32 x 8 block stages a 10 x 34 tile in shared memory. Tile cells are loaded from clamped
// coordinates, so s[r + di][c + dj] is exactly img[clamp(i + di)][clamp(j + dj)] and the
// 3x3 loop needs no clamping any more.
#define TX 32
#define TY 8

__global__ void gauss_blur9_tiled_kernel(int n, int m, const float *__restrict__ img,
                                         float *__restrict__ out) {
    __shared__ float s[TY + 2][TX + 2];
    const float w[3] = {1.0f, 2.0f, 1.0f};
    const int tid = threadIdx.y * TX + threadIdx.x;
    const int j0 = blockIdx.x * TX;
    const int j = j0 + threadIdx.x;
    for (int i0 = blockIdx.y * TY; i0 < n; i0 += gridDim.y * TY) {  // block-uniform
        __syncthreads();
        for (int t = tid; t < (TY + 2) * (TX + 2); t += TX * TY) {
            int r = t / (TX + 2), c = t % (TX + 2);
            int gi = min(max(i0 + r - 1, 0), n - 1);
            int gj = min(max(j0 + c - 1, 0), m - 1);
            s[r][c] = img[gi * m + gj];
        }
        __syncthreads();
        int i = i0 + threadIdx.y;
        if (i < n && j < m) {
            float acc = 0.0f;
#pragma unroll
            for (int di = 0; di < 3; di++) {
#pragma unroll
                for (int dj = 0; dj < 3; dj++)
                    acc += w[di] * w[dj] * s[threadIdx.y + di][threadIdx.x + dj];
            }
            out[i * m + j] = acc * (1.0f / 16.0f);
        }
    }
}

void gauss_blur9_clamp_f32_device(int n, int m, const float *img, float *out) {
    if (n <= 0 || m <= 0) return;
    dim3 block(TX, TY);
    unsigned gy = (unsigned)((n + TY - 1) / TY);
    if (gy > 65535u) gy = 65535u;
    dim3 grid((unsigned)((m + TX - 1) / TX), gy);
    gauss_blur9_tiled_kernel<<<grid, block>>>(n, m, img, out);
}
