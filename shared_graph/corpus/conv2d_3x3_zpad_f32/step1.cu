// 2D mapping: x over columns (contiguous), y over rows, one thread per output pixel with the
// C code's 3x3 loop (taps outside the image skipped = zero padding). gridDim.y is capped at
// 65535 and rows beyond it are covered by looping over y.
__global__ void conv3x3_kernel(int n, int m, const float *img, const float *w, float *out) {
    int j = blockIdx.x * blockDim.x + threadIdx.x;
    if (j >= m) return;
    for (int i = blockIdx.y * blockDim.y + threadIdx.y; i < n; i += gridDim.y * blockDim.y) {
        float s = 0.0f;
        for (int di = 0; di < 3; di++) {
            int ii = i + di - 1;
            if (ii < 0 || ii >= n) continue;
            for (int dj = 0; dj < 3; dj++) {
                int jj = j + dj - 1;
                if (jj < 0 || jj >= m) continue;
                s += w[di * 3 + dj] * img[ii * m + jj];
            }
        }
        out[i * m + j] = s;
    }
}

void conv2d_3x3_zpad_f32_device(int n, int m, const float *img, const float *w, float *out) {
    if (n <= 0 || m <= 0) return;
    dim3 block(32, 8);
    unsigned gy = (unsigned)((n + 7) / 8);
    if (gy > 65535u) gy = 65535u;
    dim3 grid((unsigned)((m + 31) / 32), gy);
    conv3x3_kernel<<<grid, block>>>(n, m, img, w, out);
}
