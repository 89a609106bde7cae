// Two kernels, one per pass, each with a 2D mapping (x over columns, y over rows): the
// horizontal pass writes tmp, the vertical pass reads it; launches on the same stream run in
// order. gridDim.y is capped at 65535 and rows beyond it are covered by looping over y.
__global__ void blur_rows_kernel(int n, int m, const float *img, const float *w, float *tmp) {
    int j = blockIdx.x * blockDim.x + threadIdx.x;
    if (j >= m) return;
    float w0 = w[0], w1 = w[1], w2 = w[2], w3 = w[3], w4 = w[4];
    for (int i = blockIdx.y * blockDim.y + threadIdx.y; i < n; i += gridDim.y * blockDim.y) {
        const float *row = img + (size_t)i * m;
        float s = 0.0f;
        s += w0 * row[max(j - 2, 0)];
        s += w1 * row[max(j - 1, 0)];
        s += w2 * row[j];
        s += w3 * row[min(j + 1, m - 1)];
        s += w4 * row[min(j + 2, m - 1)];
        tmp[(size_t)i * m + j] = s;
    }
}

__global__ void blur_cols_kernel(int n, int m, const float *tmp, const float *w, float *out) {
    int j = blockIdx.x * blockDim.x + threadIdx.x;
    if (j >= m) return;
    float w0 = w[0], w1 = w[1], w2 = w[2], w3 = w[3], w4 = w[4];
    for (int i = blockIdx.y * blockDim.y + threadIdx.y; i < n; i += gridDim.y * blockDim.y) {
        float s = 0.0f;
        s += w0 * tmp[(size_t)max(i - 2, 0) * m + j];
        s += w1 * tmp[(size_t)max(i - 1, 0) * m + j];
        s += w2 * tmp[(size_t)i * m + j];
        s += w3 * tmp[(size_t)min(i + 1, n - 1) * m + j];
        s += w4 * tmp[(size_t)min(i + 2, n - 1) * m + j];
        out[(size_t)i * m + j] = s;
    }
}

void separable_blur5_f32_device(int n, int m, const float *img, const float *w, float *tmp,
                                float *out) {
    if (n <= 0 || m <= 0) return;
    dim3 block(32, 8);
    unsigned gy = (unsigned)((n + 7) / 8);
    if (gy > 65535u) gy = 65535u;
    dim3 grid((unsigned)((m + 31) / 32), gy);
    blur_rows_kernel<<<grid, block>>>(n, m, img, w, tmp);
    blur_cols_kernel<<<grid, block>>>(n, m, tmp, w, out);
}
