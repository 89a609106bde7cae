// Fixed interface: dim3((N + 63) / 64, (M + 63) / 64) blocks of 256 threads; each block owns a
// 64 x 64 tile of C, each thread a 4 x 4 piece of it.
// - 2D thread mapping: blockIdx.x runs over column tiles, blockIdx.y over row tiles; inside,
//   thread (tx, ty) = (t % 16, t / 16) owns rows 4ty..4ty+3 and columns 4tx..4tx+3.
// - shared memory tiling: 64 x 16 tiles of A and 16 x 64 tiles of B are staged in shared memory
//   (zero-filled past the matrix edges) and each value is reused by 16 or 64 threads.
// - register tiling: the 4 x 4 accumulators stay in registers; per k a thread loads 4 values of
//   A and 4 of B and does 16 multiply-adds.
// - loop unrolling: the k loop over the tile, the tile loads and the 4 x 4 updates are fully
//   unrolled (#pragma unroll), so the accumulators really are registers.
// - vectorized memory access: the 4 B values of a thread are one float4 load from shared memory
//   (the rows of Bs are 256 bytes and 4tx is a multiple of 4, so it is always aligned).
// - bank conflict avoidance: the A tile is padded to 17 columns: the two rows a warp reads per
//   k (4 rows apart) fall in different banks instead of the same one.
// - read-only cache: A and B are const __restrict__ and loaded with __ldg. Global loads stay
//   scalar but coalesced (lanes run along K for A and along N for B): rows start at any
//   alignment for general K and N.
#define BM 64
#define BN 64
#define BK 16

__global__ void __launch_bounds__(256)
gemm_acc_kernel(const float *__restrict__ A, const float *__restrict__ B,
                float *__restrict__ C, size_t M, size_t K, size_t N) {
    __shared__ float As[BM][BK + 1];
    __shared__ __align__(16) float Bs[BK][BN];
    const int t = threadIdx.x, tx = t & 15, ty = t >> 4;
    const size_t bm = (size_t)blockIdx.y * BM, bn = (size_t)blockIdx.x * BN;
    float acc[4][4];
#pragma unroll
    for (int i = 0; i < 4; i++)
#pragma unroll
        for (int j = 0; j < 4; j++) acc[i][j] = 0.0f;

    for (size_t k0 = 0; k0 < K; k0 += BK) {
#pragma unroll
        for (int p = 0; p < 4; p++) {  // A tile: row ty + 16p, column tx
            int r = ty + 16 * p;
            size_t gr = bm + r, gc = k0 + tx;
            As[r][tx] = (gr < M && gc < K) ? __ldg(A + gr * K + gc) : 0.0f;
        }
#pragma unroll
        for (int p = 0; p < 4; p++) {  // B tile: row t / 64 + 4p, column t % 64
            int r = (t >> 6) + 4 * p, c = t & 63;
            size_t gr = k0 + r, gc = bn + c;
            Bs[r][c] = (gr < K && gc < N) ? __ldg(B + gr * N + gc) : 0.0f;
        }
        __syncthreads();
#pragma unroll
        for (int k = 0; k < BK; k++) {
            float4 b = *reinterpret_cast<const float4 *>(&Bs[k][4 * tx]);
#pragma unroll
            for (int i = 0; i < 4; i++) {
                float a = As[4 * ty + i][k];
                acc[i][0] += a * b.x;
                acc[i][1] += a * b.y;
                acc[i][2] += a * b.z;
                acc[i][3] += a * b.w;
            }
        }
        __syncthreads();
    }
#pragma unroll
    for (int i = 0; i < 4; i++) {
        size_t row = bm + 4 * ty + i;
        if (row >= M) break;
#pragma unroll
        for (int j = 0; j < 4; j++) {
            size_t col = bn + 4 * tx + j;
            if (col < N) C[row * N + col] += acc[i][j];
        }
    }
}
