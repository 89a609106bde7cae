// Tiled SGEMM with the bias + ReLU epilogue fused in. Expert steps, in order:
// - 2D thread mapping: a 2D grid of 64 x 64 output tiles (columns on x, rows on y), 16 x 16
//   threads per block.
// - shared memory tiling: per 16-deep slice of k the block stages a 64 x 16 tile of A
//   (transposed, k-major) and a 16 x 64 tile of B in shared memory.
// - register tiling: each thread accumulates a 4 x 4 block of C (rows 4ty.., columns 4tx..)
//   in registers: two 16-byte shared loads feed 16 multiply-adds.
// - loop unrolling: the 16-step slice loop and the 4 x 4 outer product are fully unrolled.
// - vectorized memory access: float4 global loads of A (k % 4 == 0) and B (n % 4 == 0),
//   float4 shared-memory reads, float4 stores of C (scalar fallbacks otherwise).
// - bank conflict avoidance: the transposed A tile has a row stride of 68 floats and each warp
//   loads 16 rows x 2 float4 columns, so the transposing scalar stores of a warp fall into 32
//   different banks (stride 64 would give 4-way conflicts); rows stay 16-byte aligned.
// - kernel fusion: bias add and ReLU are applied to the accumulators before the single store,
//   instead of a second pass over C.
// - read-only cache: the bias is read through __ldg (const __restrict__ everywhere).
#define BM 64
#define BN 64
#define BK 16
#define AS_STRIDE (BM + 4)

template <bool VA, bool VB>
__global__ void __launch_bounds__(256)
gemm_bias_relu_kernel(int m, int n, int k, const float *__restrict__ A,
                      const float *__restrict__ B, const float *__restrict__ bias,
                      float *__restrict__ C) {
    __shared__ __align__(16) float As[BK][AS_STRIDE];  // As[p][i] = A[row0 + i][k0 + p]
    __shared__ __align__(16) float Bs[BK][BN];         // Bs[p][j] = B[k0 + p][col0 + j]
    const int tid = threadIdx.x;
    const int tx = tid & 15, ty = tid >> 4;
    const int row0 = blockIdx.y * BM, col0 = blockIdx.x * BN;
    float acc[4][4];
#pragma unroll
    for (int r = 0; r < 4; r++)
#pragma unroll
        for (int c = 0; c < 4; c++) acc[r][c] = 0.0f;

    for (int k0 = 0; k0 < k; k0 += BK) {
        // ---- A tile (64 rows x 16 k), stored transposed
        if (VA) {
            // warp w covers 16 rows x 2 float4 columns: conflict-free transposing stores
            const int w = tid >> 5, l = tid & 31;
            const int i = (w >> 1) * 16 + (l >> 1), p4 = (w & 1) * 2 + (l & 1);
            const int gi = row0 + i, gp = k0 + 4 * p4;
            float4 v = make_float4(0.0f, 0.0f, 0.0f, 0.0f);
            if (gi < m && gp < k) v = *reinterpret_cast<const float4 *>(A + (size_t)gi * k + gp);
            As[4 * p4 + 0][i] = v.x;
            As[4 * p4 + 1][i] = v.y;
            As[4 * p4 + 2][i] = v.z;
            As[4 * p4 + 3][i] = v.w;
        } else {
#pragma unroll
            for (int t = 0; t < 4; t++) {
                const int e = tid + 256 * t;
                const int i = e >> 4, p = e & 15;
                const int gi = row0 + i, gp = k0 + p;
                As[p][i] = (gi < m && gp < k) ? A[(size_t)gi * k + gp] : 0.0f;
            }
        }
        // ---- B tile (16 k x 64 columns)
        if (VB) {
            const int p = tid >> 4, j4 = tid & 15;
            const int gp = k0 + p, gj = col0 + 4 * j4;
            float4 v = make_float4(0.0f, 0.0f, 0.0f, 0.0f);
            if (gp < k && gj < n) v = *reinterpret_cast<const float4 *>(B + (size_t)gp * n + gj);
            *reinterpret_cast<float4 *>(&Bs[p][4 * j4]) = v;
        } else {
#pragma unroll
            for (int t = 0; t < 4; t++) {
                const int e = tid + 256 * t;
                const int p = e >> 6, j = e & 63;
                const int gp = k0 + p, gj = col0 + j;
                Bs[p][j] = (gp < k && gj < n) ? B[(size_t)gp * n + gj] : 0.0f;
            }
        }
        __syncthreads();
#pragma unroll
        for (int p = 0; p < BK; p++) {
            const float4 a = *reinterpret_cast<const float4 *>(&As[p][4 * ty]);
            const float4 b = *reinterpret_cast<const float4 *>(&Bs[p][4 * tx]);
            const float av[4] = {a.x, a.y, a.z, a.w}, bv[4] = {b.x, b.y, b.z, b.w};
#pragma unroll
            for (int r = 0; r < 4; r++)
#pragma unroll
                for (int c = 0; c < 4; c++) acc[r][c] += av[r] * bv[c];
        }
        __syncthreads();
    }

    // ---- fused epilogue: + bias[j], ReLU, one store
    const int gj = col0 + 4 * tx;
    float bj[4];
#pragma unroll
    for (int c = 0; c < 4; c++) bj[c] = (gj + c < n) ? __ldg(bias + gj + c) : 0.0f;
#pragma unroll
    for (int r = 0; r < 4; r++) {
        const int gi = row0 + 4 * ty + r;
        if (gi >= m) continue;
        float v[4];
#pragma unroll
        for (int c = 0; c < 4; c++) {
            const float s = acc[r][c] + bj[c];
            v[c] = s > 0.0f ? s : 0.0f;
        }
        float *out = C + (size_t)gi * n + gj;
        if (VB) {
            if (gj < n) *reinterpret_cast<float4 *>(out) = make_float4(v[0], v[1], v[2], v[3]);
        } else {
#pragma unroll
            for (int c = 0; c < 4; c++)
                if (gj + c < n) out[c] = v[c];
        }
    }
}

void gemm_bias_relu_f32_device(int m, int n, int k, const float *A, const float *B,
                               const float *bias, float *C) {
    if (m <= 0 || n <= 0) return;
    dim3 grid((n + BN - 1) / BN, (m + BM - 1) / BM), block(256);
    const bool va = (k % 4) == 0, vb = (n % 4) == 0;
    if (va && vb)
        gemm_bias_relu_kernel<true, true><<<grid, block>>>(m, n, k, A, B, bias, C);
    else if (va)
        gemm_bias_relu_kernel<true, false><<<grid, block>>>(m, n, k, A, B, bias, C);
    else if (vb)
        gemm_bias_relu_kernel<false, true><<<grid, block>>>(m, n, k, A, B, bias, C);
    else
        gemm_bias_relu_kernel<false, false><<<grid, block>>>(m, n, k, A, B, bias, C);
}
