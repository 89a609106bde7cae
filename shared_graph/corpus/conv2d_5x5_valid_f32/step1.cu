// 2D mapping over the n x m output: x over columns (contiguous), y over rows. The input row
// pitch is m + 4. gridDim.y is capped at 65535 and rows beyond it are covered by a loop.
__global__ void conv5x5_kernel(int n, int m, const float *img, const float *w, float *out) {
    int j = blockIdx.x * blockDim.x + threadIdx.x;
    if (j >= m) return;
    const int wi = m + 4;
    for (int i = blockIdx.y * blockDim.y + threadIdx.y; i < n; i += gridDim.y * blockDim.y) {
        float s = 0.0f;
        for (int di = 0; di < 5; di++)
            for (int dj = 0; dj < 5; dj++)
                s += w[di * 5 + dj] * img[(i + di) * wi + (j + dj)];
        out[i * m + j] = s;
    }
}

void conv2d_5x5_valid_f32_device(int n, int m, const float *img, const float *w, float *out) {
    if (n <= 0 || m <= 0) return;
    dim3 block(32, 8);
    unsigned gy = (unsigned)((n + 7) / 8);
    if (gy > 65535u) gy = 65535u;
    dim3 grid((unsigned)((m + 31) / 32), gy);
    conv5x5_kernel<<<grid, block>>>(n, m, img, w, out);
}
