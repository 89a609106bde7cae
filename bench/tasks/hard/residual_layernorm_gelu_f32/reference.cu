// Residual add + LayerNorm + affine + GELU, fused per row.
// Expert steps, in the order they were added:
//  1. thread mapping: rows are independent; a row is handled by one warp (short rows) or one
//     block (long rows), never by a single thread.
//  2. kernel fusion: the add, both statistics, the normalisation, the affine map and GELU are
//     one kernel; h is written once and y once, x and r are read once (short rows keep the row
//     in registers; long rows re-read h, which the same thread just wrote, from L1/L2).
//  3. warp shuffle reduction: the row sum and the sum of squared deviations are butterfly
//     (xor) shuffle reductions, so every lane gets the result.
//  4. shared memory reduction: for long rows the warps' partial sums are combined in shared
//     memory (every warp then reduces the handful of partials itself).
//  5. vectorized memory access: when m is a multiple of 4 (and the arrays 16-byte aligned)
//     x, r, h, y, gamma and beta move as float4.
//  6. fast math intrinsics: rsqrtf for the inverse standard deviation, and GELU's
//     0.5 z (1 + tanh u) = z / (1 + exp(-2u)) with __expf and __fdividef (no cancellation for
//     negative z, unlike 1 + tanh).
//  7. launch configuration tuning: rows of up to 256 elements take a warp each (8 rows per
//     256-thread block, the row held in registers by a kernel specialised for the row length);
//     longer rows take a block each, sized to the row (64..512 threads).
#define LN_EPS 1e-5f
#define WARP_ROWS_MAX 256

__device__ __forceinline__ float warp_allsum(float v) {
#pragma unroll
    for (int o = 16; o > 0; o >>= 1) v += __shfl_xor_sync(0xffffffffu, v, o);
    return v;
}

__device__ __forceinline__ float gelu_fast(float z) {
    float u = 0.7978845608f * (z + 0.044715f * z * z * z);
    return __fdividef(z, 1.0f + __expf(-2.0f * u));
}

// One warp per row, m <= CHUNKS * 128. Vector path: chunk c of lane l is float4 number
// c * 32 + l. Scalar path: element (c * 4 + s) * 32 + l.
template <int CHUNKS, bool VEC>
__global__ void __launch_bounds__(256)
ln_gelu_warp_kernel(int n, int m, const float *__restrict__ x, const float *__restrict__ r,
                    const float *__restrict__ gamma, const float *__restrict__ beta,
                    float *__restrict__ h, float *__restrict__ y) {
    const int lane = threadIdx.x & 31;
    const long long row = ((long long)blockIdx.x * blockDim.x + threadIdx.x) >> 5;
    if (row >= n) return;  // uniform per warp
    const size_t off = (size_t)row * m;
    float v[CHUNKS * 4];
    float sum = 0.0f;
    if (VEC) {
        const float4 *x4 = reinterpret_cast<const float4 *>(x + off);
        const float4 *r4 = reinterpret_cast<const float4 *>(r + off);
        float4 *h4 = reinterpret_cast<float4 *>(h + off);
#pragma unroll
        for (int c = 0; c < CHUNKS; c++) {
            int q = c * 32 + lane;
            if (4 * q < m) {
                float4 a = x4[q], b = r4[q];
                float4 s = make_float4(a.x + b.x, a.y + b.y, a.z + b.z, a.w + b.w);
                h4[q] = s;
                v[4 * c] = s.x; v[4 * c + 1] = s.y; v[4 * c + 2] = s.z; v[4 * c + 3] = s.w;
                sum += (s.x + s.y) + (s.z + s.w);
            } else {
                v[4 * c] = v[4 * c + 1] = v[4 * c + 2] = v[4 * c + 3] = 0.0f;
            }
        }
    } else {
#pragma unroll
        for (int k = 0; k < CHUNKS * 4; k++) {
            int e = k * 32 + lane;
            if (e < m) {
                float s = x[off + e] + r[off + e];
                h[off + e] = s;
                v[k] = s;
                sum += s;
            } else {
                v[k] = 0.0f;
            }
        }
    }
    const float mean = warp_allsum(sum) / (float)m;
    float sq = 0.0f;
#pragma unroll
    for (int k = 0; k < CHUNKS * 4; k++) {
        int e = VEC ? 4 * ((k >> 2) * 32 + lane) + (k & 3) : k * 32 + lane;
        if (e < m) {
            float d = v[k] - mean;
            sq += d * d;
        }
    }
    const float inv = rsqrtf(warp_allsum(sq) / (float)m + LN_EPS);
    if (VEC) {
        const float4 *g4 = reinterpret_cast<const float4 *>(gamma);
        const float4 *b4 = reinterpret_cast<const float4 *>(beta);
        float4 *y4 = reinterpret_cast<float4 *>(y + off);
#pragma unroll
        for (int c = 0; c < CHUNKS; c++) {
            int q = c * 32 + lane;
            if (4 * q < m) {
                float4 g = g4[q], b = b4[q];
                float4 o;
                o.x = gelu_fast((v[4 * c] - mean) * inv * g.x + b.x);
                o.y = gelu_fast((v[4 * c + 1] - mean) * inv * g.y + b.y);
                o.z = gelu_fast((v[4 * c + 2] - mean) * inv * g.z + b.z);
                o.w = gelu_fast((v[4 * c + 3] - mean) * inv * g.w + b.w);
                y4[q] = o;
            }
        }
    } else {
#pragma unroll
        for (int k = 0; k < CHUNKS * 4; k++) {
            int e = k * 32 + lane;
            if (e < m) y[off + e] = gelu_fast((v[k] - mean) * inv * gamma[e] + beta[e]);
        }
    }
}

// Sum over the block, returned to every thread. s_part has one slot per warp (<= 32).
__device__ __forceinline__ float block_allsum(float v, float *s_part) {
    const int lane = threadIdx.x & 31, w = threadIdx.x >> 5, nw = blockDim.x >> 5;
    v = warp_allsum(v);
    if (lane == 0) s_part[w] = v;
    __syncthreads();
    float t = lane < nw ? s_part[lane] : 0.0f;
    t = warp_allsum(t);
    __syncthreads();  // s_part is reused by the next call
    return t;
}

// One block per row (any m). Every pass gives element e to the same thread, so h[e] is read
// back only by the thread that wrote it.
template <bool VEC>
__global__ void __launch_bounds__(512)
ln_gelu_block_kernel(int n, int m, const float *__restrict__ x, const float *__restrict__ r,
                     const float *__restrict__ gamma, const float *__restrict__ beta,
                     float *__restrict__ h, float *__restrict__ y) {
    __shared__ float s_part[32];
    const size_t off = (size_t)blockIdx.x * m;
    const int tid = threadIdx.x, nt = blockDim.x;
    float sum = 0.0f;
    if (VEC) {
        const float4 *x4 = reinterpret_cast<const float4 *>(x + off);
        const float4 *r4 = reinterpret_cast<const float4 *>(r + off);
        float4 *h4 = reinterpret_cast<float4 *>(h + off);
        for (int q = tid; q < m / 4; q += nt) {
            float4 a = x4[q], b = r4[q];
            float4 s = make_float4(a.x + b.x, a.y + b.y, a.z + b.z, a.w + b.w);
            h4[q] = s;
            sum += (s.x + s.y) + (s.z + s.w);
        }
    } else {
        for (int e = tid; e < m; e += nt) {
            float s = x[off + e] + r[off + e];
            h[off + e] = s;
            sum += s;
        }
    }
    const float mean = block_allsum(sum, s_part) / (float)m;
    float sq = 0.0f;
    if (VEC) {
        const float4 *h4 = reinterpret_cast<const float4 *>(h + off);
        for (int q = tid; q < m / 4; q += nt) {
            float4 s = h4[q];
            float a = s.x - mean, b = s.y - mean, c = s.z - mean, d = s.w - mean;
            sq += (a * a + b * b) + (c * c + d * d);
        }
    } else {
        for (int e = tid; e < m; e += nt) {
            float d = h[off + e] - mean;
            sq += d * d;
        }
    }
    const float inv = rsqrtf(block_allsum(sq, s_part) / (float)m + LN_EPS);
    if (VEC) {
        const float4 *h4 = reinterpret_cast<const float4 *>(h + off);
        const float4 *g4 = reinterpret_cast<const float4 *>(gamma);
        const float4 *b4 = reinterpret_cast<const float4 *>(beta);
        float4 *y4 = reinterpret_cast<float4 *>(y + off);
        for (int q = tid; q < m / 4; q += nt) {
            float4 s = h4[q], g = g4[q], b = b4[q];
            float4 o;
            o.x = gelu_fast((s.x - mean) * inv * g.x + b.x);
            o.y = gelu_fast((s.y - mean) * inv * g.y + b.y);
            o.z = gelu_fast((s.z - mean) * inv * g.z + b.z);
            o.w = gelu_fast((s.w - mean) * inv * g.w + b.w);
            y4[q] = o;
        }
    } else {
        for (int e = tid; e < m; e += nt)
            y[off + e] = gelu_fast((h[off + e] - mean) * inv * gamma[e] + beta[e]);
    }
}

static bool aligned16(const void *p) { return ((unsigned long long)(size_t)p % 16) == 0; }

void residual_layernorm_gelu_f32_device(int n, int m, const float *x, const float *r,
                                        const float *gamma, const float *beta, float *h,
                                        float *y) {
    if (n <= 0 || m <= 0) return;
    const bool vec = (m % 4) == 0 && aligned16(x) && aligned16(r) && aligned16(gamma) &&
                     aligned16(beta) && aligned16(h) && aligned16(y);
    if (m <= WARP_ROWS_MAX) {
        const int rows_per_block = 256 / 32;
        const unsigned blocks = (unsigned)(((long long)n + rows_per_block - 1) / rows_per_block);
        if (m <= 128) {
            if (vec) ln_gelu_warp_kernel<1, true><<<blocks, 256>>>(n, m, x, r, gamma, beta, h, y);
            else ln_gelu_warp_kernel<1, false><<<blocks, 256>>>(n, m, x, r, gamma, beta, h, y);
        } else {
            if (vec) ln_gelu_warp_kernel<2, true><<<blocks, 256>>>(n, m, x, r, gamma, beta, h, y);
            else ln_gelu_warp_kernel<2, false><<<blocks, 256>>>(n, m, x, r, gamma, beta, h, y);
        }
    } else {
        int per_thread = vec ? 4 * 2 : 4;  // ~2 float4 or ~4 scalars per thread and pass
        int threads = (m + per_thread - 1) / per_thread;
        threads = (threads + 31) / 32 * 32;
        if (threads < 64) threads = 64;
        if (threads > 512) threads = 512;
        if (vec) ln_gelu_block_kernel<true><<<n, threads>>>(n, m, x, r, gamma, beta, h, y);
        else ln_gelu_block_kernel<false><<<n, threads>>>(n, m, x, r, gamma, beta, h, y);
    }
}
