#include <math.h>

// Batched Gram + Cholesky, one warp per 32 x 32 matrix. Expert steps, in order:
// - thread mapping: one warp per matrix, lane i owns row i (4 warps per block).
// - kernel fusion: the Gram product M = A A^T + 32 I and its factorisation run in one kernel;
//   M never goes through global memory.
// - memory coalescing: the warp loads its matrix cooperatively (consecutive lanes read
//   consecutive 16-byte chunks) and stores L the same way, through shared memory.
// - shared memory tiling: the matrix is staged in shared memory; in the Gram product every row
//   of A is read by all 32 lanes as a broadcast.
// - bank conflict avoidance: the staging tile has a row stride of 33 floats, so row-per-lane
//   reads and the chunked stores and reads of a warp fall into 32 different banks.
// - register tiling: each lane keeps its row of A and its row of M (the right-looking
//   factorisation updates it in place) in 32 + 32 registers; column j of L is broadcast by
//   shuffles.
// - loop unrolling: the Gram and factorisation loops are fully unrolled so that the register
//   arrays are indexed with constants.
// - vectorized memory access: float4 global loads of A and stores of L (each matrix is 4 KiB,
//   so every chunk is 16-byte aligned).
// - fast math intrinsics: one rsqrtf per column gives both 1 / L[j][j] and L[j][j] = d * rsqrt(d).
// Other sizes than s = 32 fall back to one thread per matrix in global memory.
#define WARPS 4
#define FULL 0xffffffffu

__global__ void __launch_bounds__(32 * WARPS)
cholesky32_kernel(int count, const float *__restrict__ A, float *__restrict__ L) {
    __shared__ float tile[WARPS][32][33];
    const int lane = threadIdx.x & 31, w = threadIdx.x >> 5;
    const int b = blockIdx.x * WARPS + w;
    if (b >= count) return;  // uniform per warp; only warp-level synchronisation below
    float (*t)[33] = tile[w];

    const float4 *a4 = reinterpret_cast<const float4 *>(A + (size_t)b * 1024);
#pragma unroll
    for (int it = 0; it < 8; it++) {
        const int e = lane + 32 * it;
        const float4 v = a4[e];
        const int row = e >> 3, c = (e & 7) * 4;
        t[row][c] = v.x;
        t[row][c + 1] = v.y;
        t[row][c + 2] = v.z;
        t[row][c + 3] = v.w;
    }
    __syncwarp();

    float ai[32], r[32];
#pragma unroll
    for (int p = 0; p < 32; p++) ai[p] = t[lane][p];
    // r[c] = M[lane][c] = A[lane] . A[c] (+ 32 on the diagonal), the full symmetric row
#pragma unroll
    for (int c = 0; c < 32; c++) {
        float acc = 0.0f;
#pragma unroll
        for (int p = 0; p < 32; p++) acc += ai[p] * t[c][p];
        r[c] = acc + (c == lane ? 32.0f : 0.0f);
    }

    // right-looking factorisation: after step j, lane i > j holds L[i][j] in r[j] and the
    // updated trailing row in r[j+1..]; lane j holds L[j][j].
#pragma unroll
    for (int j = 0; j < 32; j++) {
        const float djj = __shfl_sync(FULL, r[j], j);
        const float inv = rsqrtf(djj);
        if (lane == j) r[j] = djj * inv;
        else if (lane > j) r[j] *= inv;
#pragma unroll
        for (int c = j + 1; c < 32; c++) {
            const float lcj = __shfl_sync(FULL, r[j], c);
            if (lane > j) r[c] -= r[j] * lcj;
        }
    }

    __syncwarp();  // all lanes are done reading the tile
#pragma unroll
    for (int c = 0; c < 32; c++) t[lane][c] = c <= lane ? r[c] : 0.0f;
    __syncwarp();
    float4 *l4 = reinterpret_cast<float4 *>(L + (size_t)b * 1024);
#pragma unroll
    for (int it = 0; it < 8; it++) {
        const int e = lane + 32 * it;
        const int row = e >> 3, c = (e & 7) * 4;
        l4[e] = make_float4(t[row][c], t[row][c + 1], t[row][c + 2], t[row][c + 3]);
    }
}

// Any other size: one thread per matrix, the sequential algorithm in global memory.
__global__ void cholesky_generic_kernel(int count, int s, const float *__restrict__ A,
                                        float *__restrict__ L) {
    const int b = blockIdx.x * blockDim.x + threadIdx.x;
    if (b >= count) return;
    const float *a = A + (size_t)b * s * s;
    float *l = L + (size_t)b * s * s;
    for (int i = 0; i < s; i++)
        for (int j = 0; j < s; j++) {
            if (j > i) {
                l[i * s + j] = 0.0f;
                continue;
            }
            float acc = (i == j) ? (float)s : 0.0f;
            for (int p = 0; p < s; p++) acc += a[i * s + p] * a[j * s + p];
            l[i * s + j] = acc;
        }
    for (int j = 0; j < s; j++) {
        float d = l[j * s + j];
        for (int p = 0; p < j; p++) d -= l[j * s + p] * l[j * s + p];
        d = sqrtf(d);
        l[j * s + j] = d;
        for (int i = j + 1; i < s; i++) {
            float v = l[i * s + j];
            for (int p = 0; p < j; p++) v -= l[i * s + p] * l[j * s + p];
            l[i * s + j] = v / d;
        }
    }
}

void cholesky_gram_batched_f32_device(int count, int s, const float *A, float *L) {
    if (count <= 0 || s <= 0) return;
    if (s == 32)
        cholesky32_kernel<<<(count + WARPS - 1) / WARPS, 32 * WARPS>>>(count, A, L);
    else
        cholesky_generic_kernel<<<(count + 127) / 128, 128>>>(count, s, A, L);
}
