// Two passes of one fused kernel "scan every row, write the result transposed":
// pass 1 turns img (h x w) into tmp (w x h) = transpose(row prefix sums of img); pass 2 turns tmp
// into sat (h x w) = transpose(row prefix sums of tmp) = column prefix sums of the row sums.
// Expert trajectory, as it shows up below:
// 1. thread mapping: a block owns a strip of 32 rows, each of its 8 warps 4 rows; the block
//    walks along the rows in tiles of 128 columns.
// 2. warp shuffle scan: a row segment of 128 values is scanned by one warp: every lane scans its
//    4 values, the lane totals are scanned with 5 __shfl_up_sync steps, and the running total
//    of the row (carry) is broadcast from lane 31 with __shfl_sync.
// 3. thread coarsening: 4 consecutive elements per lane, 4 rows per warp, and a block walks the
//    whole row (a carry in registers) instead of one element per thread with a separate pass
//    of block offsets; the next tile's loads are issued before the current tile is scanned.
// 4. vectorized memory access: a lane's 4 elements are one uchar4 (pass 1) or uint4 (pass 2)
//    load whenever the row length is a multiple of 4 (every row then starts aligned).
// 5. memory coalescing: the column scans (stride w in memory) are never done in place: the
//    scanned 32 x 128 tile goes through shared memory and is written transposed, 32 consecutive
//    uint32 of the output per warp store, so both passes read and write rows.
// 6. bank conflict avoidance: the tile is padded to 129 words per row and a lane's 4 values are
//    stored swizzled (element 4*lane+k at k*32+lane), so both the row-wise writes and the
//    column-wise reads of the transpose hit 32 different banks.
// 7. kernel fusion: scan and transpose are one kernel (no separate transpose pass through global
//    memory); all integer sums are exact (mod 2^32) in any order.
#include <stdint.h>

#define ROWS 32   // rows per block
#define TCOLS 128 // columns per tile (4 per lane)
#define NT 256    // 8 warps x 4 rows
#define RPW 4     // rows per warp

template <typename T> struct Vec4;
template <> struct Vec4<unsigned char> {
    typedef uchar4 type;
};
template <> struct Vec4<unsigned int> {
    typedef uint4 type;
};

template <typename T>
__device__ __forceinline__ void load_tile(int R, int C, const T *__restrict__ in, int r0, int c0,
                                          int warp, int lane, bool vec, unsigned (&v)[RPW][4]) {
    int col = c0 + lane * 4;
#pragma unroll
    for (int rr = 0; rr < RPW; rr++) {
        int row = r0 + warp * RPW + rr;
        if (row < R && vec && col < C) {  // C % 4 == 0: the 4 values are all inside the row
            typename Vec4<T>::type q =
                __ldg(reinterpret_cast<const typename Vec4<T>::type *>(in + (size_t)row * C + col));
            v[rr][0] = q.x; v[rr][1] = q.y; v[rr][2] = q.z; v[rr][3] = q.w;
        } else {
#pragma unroll
            for (int k = 0; k < 4; k++)
                v[rr][k] = (row < R && col + k < C) ? (unsigned)__ldg(in + (size_t)row * C + col + k) : 0u;
        }
    }
}

// out (C x R) = transpose of the inclusive row scans of in (R x C).
template <typename T>
__device__ __forceinline__ void scan_rows_transpose(int R, int C, const T *__restrict__ in,
                                                    unsigned *__restrict__ out,
                                                    unsigned (*s)[TCOLS + 1]) {
    const int warp = threadIdx.x >> 5, lane = threadIdx.x & 31;
    const int r0 = blockIdx.x * ROWS;
    const bool vec = (C % 4) == 0 && (uintptr_t)in % (4 * sizeof(T)) == 0;  // aligned rows
    unsigned carry[RPW] = {0u, 0u, 0u, 0u};
    unsigned cur[RPW][4], nxt[RPW][4];
    load_tile<T>(R, C, in, r0, 0, warp, lane, vec, cur);
    for (int c0 = 0; c0 < C; c0 += TCOLS) {
        if (c0 + TCOLS < C) load_tile<T>(R, C, in, r0, c0 + TCOLS, warp, lane, vec, nxt);
#pragma unroll
        for (int rr = 0; rr < RPW; rr++) {
            cur[rr][1] += cur[rr][0];
            cur[rr][2] += cur[rr][1];
            cur[rr][3] += cur[rr][2];
            unsigned incl = cur[rr][3];
#pragma unroll
            for (int d = 1; d < 32; d <<= 1) {
                unsigned t = __shfl_up_sync(0xffffffffu, incl, d);
                if (lane >= d) incl += t;
            }
            unsigned add = carry[rr] + (incl - cur[rr][3]);  // exclusive prefix of this lane
            carry[rr] += __shfl_sync(0xffffffffu, incl, 31);
            int srow = warp * RPW + rr;
#pragma unroll
            for (int k = 0; k < 4; k++) s[srow][k * 32 + lane] = cur[rr][k] + add;
        }
        __syncthreads();
        // Tile column tc (input column c0 + tc) becomes output row c0 + tc; lane = input row.
        int orow = r0 + lane;
        for (int tc = warp; tc < TCOLS; tc += NT / 32) {
            int col = c0 + tc;
            if (col < C && orow < R) out[(size_t)col * R + orow] = s[lane][(tc & 3) * 32 + (tc >> 2)];
        }
        __syncthreads();
        if (c0 + TCOLS < C) {
#pragma unroll
            for (int rr = 0; rr < RPW; rr++)
#pragma unroll
                for (int k = 0; k < 4; k++) cur[rr][k] = nxt[rr][k];
        }
    }
}

__global__ void __launch_bounds__(NT)
scan_rows_u8_kernel(int R, int C, const unsigned char *__restrict__ in, unsigned *__restrict__ out) {
    __shared__ unsigned s[ROWS][TCOLS + 1];
    scan_rows_transpose<unsigned char>(R, C, in, out, s);
}

__global__ void __launch_bounds__(NT)
scan_rows_u32_kernel(int R, int C, const unsigned *__restrict__ in, unsigned *__restrict__ out) {
    __shared__ unsigned s[ROWS][TCOLS + 1];
    scan_rows_transpose<unsigned>(R, C, in, out, s);
}

void integral_image_u8_u32_device(int h, int w, const unsigned char *img, unsigned int *sat) {
    if (h <= 0 || w <= 0) return;
    unsigned *tmp = nullptr;
    cudaMalloc(&tmp, sizeof(unsigned) * (size_t)h * w);
    scan_rows_u8_kernel<<<(h + ROWS - 1) / ROWS, NT>>>(h, w, img, tmp);   // tmp: w x h
    scan_rows_u32_kernel<<<(w + ROWS - 1) / ROWS, NT>>>(w, h, tmp, sat);  // sat: h x w
    cudaFree(tmp);
}
