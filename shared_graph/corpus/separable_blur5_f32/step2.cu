// Kernel fusion: one kernel per 32 x 16 output tile. It computes the horizontal pass for the
// tile's 16 rows plus 2 clamped halo rows above and below into shared memory, writes its own
// 16 rows of tmp (tmp is an output too), and runs the vertical pass from shared memory, so the
// vertical pass never reads tmp back from global memory.
#define TX 32
#define TY 16

__global__ void blur_fused_kernel(int n, int m, const float *__restrict__ img,
                                  const float *__restrict__ w, float *__restrict__ tmp,
                                  float *__restrict__ out) {
    __shared__ float hs[TY + 4][TX];
    const float w0 = w[0], w1 = w[1], w2 = w[2], w3 = w[3], w4 = w[4];
    const int tid = threadIdx.y * TX + threadIdx.x;
    const int j0 = blockIdx.x * TX;
    const int j = j0 + threadIdx.x;
    for (int i0 = blockIdx.y * TY; i0 < n; i0 += gridDim.y * TY) {  // block-uniform
        __syncthreads();
        // hs[r][c] = horizontal pass of image row clamp(i0 + r - 2) at column j0 + c
        for (int t = tid; t < (TY + 4) * TX; t += TX * TY) {
            int r = t / TX, c = t % TX;
            int gj = j0 + c;
            float s = 0.0f;
            if (gj < m) {
                int gi = min(max(i0 + r - 2, 0), n - 1);
                const float *row = img + (size_t)gi * m;
                s += w0 * row[max(gj - 2, 0)];
                s += w1 * row[max(gj - 1, 0)];
                s += w2 * row[gj];
                s += w3 * row[min(gj + 1, m - 1)];
                s += w4 * row[min(gj + 2, m - 1)];
                int ri = i0 + r - 2;  // rows of this tile are written to tmp by this block only
                if (r >= 2 && r < TY + 2 && ri < n) tmp[(size_t)ri * m + gj] = s;
            }
            hs[r][c] = s;
        }
        __syncthreads();
        int i = i0 + threadIdx.y;
        if (i < n && j < m) {
            // hs[threadIdx.y + t + 2] is row clamp(i + t): the clamping was done when loading
            int r = threadIdx.y, c = threadIdx.x;
            float s = 0.0f;
            s += w0 * hs[r][c];
            s += w1 * hs[r + 1][c];
            s += w2 * hs[r + 2][c];
            s += w3 * hs[r + 3][c];
            s += w4 * hs[r + 4][c];
            out[(size_t)i * m + j] = s;
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
    blur_fused_kernel<<<grid, block>>>(n, m, img, w, tmp, out);
}
