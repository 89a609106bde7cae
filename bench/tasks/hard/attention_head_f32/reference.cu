#include <math.h>

// Fused single-head attention with online softmax (flash-attention style), head dim 64.
// Expert steps, in order:
// - thread mapping: one block per 64 queries, 16 x 16 threads; the 16 threads of a half-warp
//   share 4 query rows (ty + 16r).
// - kernel fusion: scores, softmax and the product with V run in one pass over the keys; an
//   online softmax (running max and sum, rescaling of the accumulators) means the nq x nk score
//   matrix is never stored and K is read once instead of twice.
// - shared memory tiling: the scaled Q tile stays in shared memory; K and V are staged in tiles
//   of 32 keys, and the probabilities of a tile go through shared memory to the P V product.
// - register tiling: each thread holds 4 x 2 scores and a 4 x 4 block of the output (columns
//   tx + 16j) in registers, plus the running max and partial sums of its 4 rows.
// - warp shuffle reduction: the row maxima of a tile and the final row sums are combined across
//   the 16 lanes of a row with __shfl_xor_sync (partial sums are rescaled by the same factor,
//   so they are reduced only once at the end).
// - bank conflict avoidance: Q and K tiles have a row stride of 65 floats and the P tile 48,
//   so the score loop and the transposing stores hit distinct banks.
// - vectorized memory access: Q, K and V are loaded as float4 (rows of 64 floats are 16-byte
//   aligned); V is stored to shared memory as float4.
// - loop unrolling: the head-dimension and key-tile loops are unrolled.
// - fast math intrinsics: Q is pre-scaled by log2(e) / sqrt(d), so every exponential is one
//   exp2f (the hardware ex2 unit); the normalisation uses __fdividef.
// Other head dimensions fall back to one thread per query.
#define HD 64
#define BQ 64
#define BKT 32
#define QSTR (HD + 1)
#define KSTR (HD + 1)
#define PSTR (BKT + 16)
#define FULL 0xffffffffu

__global__ void __launch_bounds__(256)
attention64_kernel(int nq, int nk, const float *__restrict__ Q, const float *__restrict__ K,
                   const float *__restrict__ V, float *__restrict__ O, float qscale) {
    __shared__ float Qs[BQ][QSTR];
    __shared__ float Ks[BKT][KSTR];
    __shared__ __align__(16) float Vs[BKT][HD];
    __shared__ float Ps[BQ][PSTR];
    const int tid = threadIdx.x, tx = tid & 15, ty = tid >> 4;
    const int q0 = blockIdx.x * BQ;

    const float4 *Q4 = reinterpret_cast<const float4 *>(Q);
    const float4 *K4 = reinterpret_cast<const float4 *>(K);
    const float4 *V4 = reinterpret_cast<const float4 *>(V);
#pragma unroll
    for (int t = 0; t < (BQ * HD / 4) / 256; t++) {
        const int e = tid + 256 * t, row = e >> 4, c = (e & 15) * 4;
        const int gq = q0 + row;
        float4 v = make_float4(0.0f, 0.0f, 0.0f, 0.0f);
        if (gq < nq) v = Q4[(size_t)gq * (HD / 4) + (e & 15)];
        Qs[row][c] = v.x * qscale;
        Qs[row][c + 1] = v.y * qscale;
        Qs[row][c + 2] = v.z * qscale;
        Qs[row][c + 3] = v.w * qscale;
    }

    float m[4], l[4], acc[4][4];
#pragma unroll
    for (int r = 0; r < 4; r++) {
        m[r] = -INFINITY;
        l[r] = 0.0f;
#pragma unroll
        for (int j = 0; j < 4; j++) acc[r][j] = 0.0f;
    }

    for (int k0 = 0; k0 < nk; k0 += BKT) {
        __syncthreads();  // Q is staged; the previous tile's K, V, P are no longer read
#pragma unroll
        for (int t = 0; t < (BKT * HD / 4) / 256; t++) {
            const int e = tid + 256 * t, row = e >> 4, c = (e & 15) * 4;
            const int gk = k0 + row;
            float4 kv = make_float4(0.0f, 0.0f, 0.0f, 0.0f), vv = kv;
            if (gk < nk) {
                kv = K4[(size_t)gk * (HD / 4) + (e & 15)];
                vv = V4[(size_t)gk * (HD / 4) + (e & 15)];
            }
            Ks[row][c] = kv.x;
            Ks[row][c + 1] = kv.y;
            Ks[row][c + 2] = kv.z;
            Ks[row][c + 3] = kv.w;
            *reinterpret_cast<float4 *>(&Vs[row][c]) = vv;
        }
        __syncthreads();

        // scores (already in log2 units) for rows ty + 16r, keys tx + 16cc
        float s[4][2];
#pragma unroll
        for (int r = 0; r < 4; r++) s[r][0] = s[r][1] = 0.0f;
#pragma unroll 16
        for (int c = 0; c < HD; c++) {
            const float k0v = Ks[tx][c], k1v = Ks[tx + 16][c];
#pragma unroll
            for (int r = 0; r < 4; r++) {
                const float qv = Qs[ty + 16 * r][c];
                s[r][0] += qv * k0v;
                s[r][1] += qv * k1v;
            }
        }
        const bool ok0 = k0 + tx < nk, ok1 = k0 + tx + 16 < nk;
#pragma unroll
        for (int r = 0; r < 4; r++) {
            if (!ok0) s[r][0] = -INFINITY;
            if (!ok1) s[r][1] = -INFINITY;
            float tmax = fmaxf(s[r][0], s[r][1]);
#pragma unroll
            for (int o = 8; o > 0; o >>= 1) tmax = fmaxf(tmax, __shfl_xor_sync(FULL, tmax, o));
            // key k0 is valid, so tmax is finite
            const float mnew = fmaxf(m[r], tmax);
            const float corr = exp2f(m[r] - mnew);  // 0 on the first tile (m = -inf)
            m[r] = mnew;
            const float p0 = exp2f(s[r][0] - mnew), p1 = exp2f(s[r][1] - mnew);
            l[r] = l[r] * corr + p0 + p1;  // this thread's share of the row sum
#pragma unroll
            for (int j = 0; j < 4; j++) acc[r][j] *= corr;
            Ps[ty + 16 * r][tx] = p0;
            Ps[ty + 16 * r][tx + 16] = p1;
        }
        __syncthreads();

        // O += P V for rows ty + 16r, columns tx + 16j
        const int kmax = min(BKT, nk - k0);
        if (kmax == BKT) {
#pragma unroll 8
            for (int kk = 0; kk < BKT; kk++) {
                float vv[4];
#pragma unroll
                for (int j = 0; j < 4; j++) vv[j] = Vs[kk][tx + 16 * j];
#pragma unroll
                for (int r = 0; r < 4; r++) {
                    const float p = Ps[ty + 16 * r][kk];
#pragma unroll
                    for (int j = 0; j < 4; j++) acc[r][j] += p * vv[j];
                }
            }
        } else {
            for (int kk = 0; kk < kmax; kk++) {
                float vv[4];
#pragma unroll
                for (int j = 0; j < 4; j++) vv[j] = Vs[kk][tx + 16 * j];
#pragma unroll
                for (int r = 0; r < 4; r++) {
                    const float p = Ps[ty + 16 * r][kk];
#pragma unroll
                    for (int j = 0; j < 4; j++) acc[r][j] += p * vv[j];
                }
            }
        }
    }

#pragma unroll
    for (int r = 0; r < 4; r++) {
        float sum = l[r];
#pragma unroll
        for (int o = 8; o > 0; o >>= 1) sum += __shfl_xor_sync(FULL, sum, o);
        const int gq = q0 + ty + 16 * r;
        if (gq < nq) {
#pragma unroll
            for (int j = 0; j < 4; j++)
                O[(size_t)gq * HD + tx + 16 * j] = __fdividef(acc[r][j], sum);
        }
    }
}

// Any other head dimension: one thread per query, the sequential two-pass algorithm.
__global__ void attention_generic_kernel(int nq, int nk, int d, const float *__restrict__ Q,
                                         const float *__restrict__ K,
                                         const float *__restrict__ V, float *__restrict__ O) {
    const int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= nq) return;
    const float scale = 1.0f / sqrtf((float)d);
    const float *q = Q + (size_t)i * d;
    float *o = O + (size_t)i * d;
    float mx = -INFINITY;
    for (int j = 0; j < nk; j++) {
        float s = 0.0f;
        for (int c = 0; c < d; c++) s += q[c] * K[(size_t)j * d + c];
        mx = fmaxf(mx, s * scale);
    }
    for (int c = 0; c < d; c++) o[c] = 0.0f;
    float sum = 0.0f;
    for (int j = 0; j < nk; j++) {
        float s = 0.0f;
        for (int c = 0; c < d; c++) s += q[c] * K[(size_t)j * d + c];
        const float e = expf(s * scale - mx);
        sum += e;
        for (int c = 0; c < d; c++) o[c] += e * V[(size_t)j * d + c];
    }
    for (int c = 0; c < d; c++) o[c] /= sum;
}

void attention_head_f32_device(int nq, int nk, int d, const float *Q, const float *K,
                               const float *V, float *O) {
    if (nq <= 0 || d <= 0) return;
    if (d == HD && nk > 0) {
        const float qscale = 1.4426950408889634f / sqrtf((float)HD);  // log2(e) / sqrt(d)
        attention64_kernel<<<(nq + BQ - 1) / BQ, 256>>>(nq, nk, Q, K, V, O, qscale);
    } else {  // (nk == 0 gives 0 / 0 as the sequential code does)
        attention_generic_kernel<<<(nq + 127) / 128, 128>>>(nq, nk, d, Q, K, V, O);
    }
}
