// Fused kernel as in step 2, plus a shared-memory tile of the input: the block first loads the
// (16 + 4) x (32 + 4) image pixels it needs (at clamped coordinates, so s[r][c + 2 + t] is
// img[clamp(i0 + r - 2)][clamp(j0 + c + t)]) and the horizontal pass reads its 5 taps from there.
#define TX 32
#define TY 16

__global__ void blur_fused_tiled_kernel(int n, int m, const float *__restrict__ img,
                                        const float *__restrict__ w, float *__restrict__ tmp,
                                        float *__restrict__ out) {
    __shared__ float s[TY + 4][TX + 4];
    __shared__ float hs[TY + 4][TX];
    const float w0 = w[0], w1 = w[1], w2 = w[2], w3 = w[3], w4 = w[4];
    const int tid = threadIdx.y * TX + threadIdx.x;
    const int j0 = blockIdx.x * TX;
    const int j = j0 + threadIdx.x;
    for (int i0 = blockIdx.y * TY; i0 < n; i0 += gridDim.y * TY) {  // block-uniform
        __syncthreads();
        for (int t = tid; t < (TY + 4) * (TX + 4); t += TX * TY) {
            int r = t / (TX + 4), c = t % (TX + 4);
            int gi = min(max(i0 + r - 2, 0), n - 1);
            int gj = min(max(j0 + c - 2, 0), m - 1);
            s[r][c] = img[(size_t)gi * m + gj];
        }
        __syncthreads();
        for (int t = tid; t < (TY + 4) * TX; t += TX * TY) {
            int r = t / TX, c = t % TX;
            float h = 0.0f;
            h += w0 * s[r][c];
            h += w1 * s[r][c + 1];
            h += w2 * s[r][c + 2];
            h += w3 * s[r][c + 3];
            h += w4 * s[r][c + 4];
            hs[r][c] = h;
            int ri = i0 + r - 2, gj = j0 + c;
            if (r >= 2 && r < TY + 2 && ri < n && gj < m) tmp[(size_t)ri * m + gj] = h;
        }
        __syncthreads();
        int i = i0 + threadIdx.y;
        if (i < n && j < m) {
            int r = threadIdx.y, c = threadIdx.x;
            float v = 0.0f;
            v += w0 * hs[r][c];
            v += w1 * hs[r + 1][c];
            v += w2 * hs[r + 2][c];
            v += w3 * hs[r + 3][c];
            v += w4 * hs[r + 4][c];
            out[(size_t)i * m + j] = v;
        }
    }
}

void separable_blur5_f32_device(int n, int m, const float *img, const float *w, float *tmp,
                                float *out) {
    if (n <= 0 || m <= 0) return;
    dim3 block(TX, TY);
    unsigned gy = (unsigned)((n + TY - 1) / TY);
    if (gy > 65535u) gy = 65535u;
    dim3 grid((unsigned)((m + TX - 1) / TX), gy);
    blur_fused_tiled_kernel<<<grid, block>>>(n, m, img, w, tmp, out);
}
