// LSD radix sort of (key, index) pairs, 4 stable passes of 8 bits. A float's key is its bits
// made order-preserving as an unsigned integer (sign bit flipped for positives, all bits for
// negatives), with -0.0 folded into +0.0 since operator< holds them equal; a stable sort of
// the indices by key is exactly the C++ code's stable merge sort, so the ranks are equal.
// Expert steps, in the order they were added:
//  1. thread mapping: every pass is count / scan / scatter over tiles of the array, one
//     element per thread in each.
//  2. privatization: a block counts its tile's digits in a shared-memory histogram (one
//     shared atomic per element) and writes the 256 bins to a digit-major count table.
//  3. hierarchical multi-block scan: the count table is scanned per digit across the tiles
//     (one block per digit, looping with a carry), then the 256 digit totals, so that every
//     (digit, tile) gets the position where its elements start.
//  4. warp shuffle scan: those block scans scan one value per thread with __shfl_up_sync in
//     each warp and the warp totals through a 32-entry shared array.
//  5. warp-level match ranking: in the scatter, __match_any_sync groups the lanes holding the
//     same digit; the lanes below in the group plus the counts of earlier warps give each
//     element its stable position, without a loop over the tile.
//  6. thread coarsening: a block owns 16 rounds of 256 elements, walked in order with running
//     digit positions in shared memory, so the count table is 16 times smaller.
//  7. kernel fusion: the first pass computes the keys from x and takes the indices from its
//     thread numbers (no key/index arrays are built first), and the last pass writes
//     rank[index] = position directly instead of the sorted pairs (no final scatter kernel).
#include <cuda_runtime.h>
#include <cstddef>

#define RK_DIGITS 256
#define RK_BLOCK 256
#define RK_ROUNDS 16
#define RK_TILE (RK_BLOCK * RK_ROUNDS)
#define RK_WARPS (RK_BLOCK / 32)

__device__ __forceinline__ unsigned float_key(float f) {
    const unsigned u = __float_as_uint(f == 0.0f ? 0.0f : f);
    return (u & 0x80000000u) ? ~u : (u | 0x80000000u);
}

// Exclusive scan over the block (blockDim.x a multiple of 32); all threads must call it.
__device__ int block_exclusive_scan(int v, int &total) {
    __shared__ int warp_sums[32];
    const int lane = threadIdx.x & 31, wid = threadIdx.x >> 5, nw = blockDim.x >> 5;
    int incl = v;
    for (int off = 1; off < 32; off <<= 1) {
        const int u = __shfl_up_sync(0xffffffffu, incl, off);
        if (lane >= off) incl += u;
    }
    if (lane == 31) warp_sums[wid] = incl;
    __syncthreads();
    if (wid == 0) {
        int s = lane < nw ? warp_sums[lane] : 0;
        for (int off = 1; off < 32; off <<= 1) {
            const int u = __shfl_up_sync(0xffffffffu, s, off);
            if (lane >= off) s += u;
        }
        warp_sums[lane] = s;
    }
    __syncthreads();
    const int excl = (wid > 0 ? warp_sums[wid - 1] : 0) + incl - v;
    total = warp_sums[nw - 1];
    __syncthreads();  // warp_sums is reused by the next call
    return excl;
}

template <bool FIRST>
__global__ void tile_counts_kernel(size_t n, const float *__restrict__ x,
                                   const unsigned *__restrict__ keys, int shift, int num_tiles,
                                   int *counts) {
    __shared__ int hist[RK_DIGITS];
    hist[threadIdx.x] = 0;
    __syncthreads();
    const size_t tile_start = (size_t)blockIdx.x * RK_TILE;
    for (int r = 0; r < RK_ROUNDS; r++) {
        const size_t i = tile_start + (size_t)r * RK_BLOCK + threadIdx.x;
        if (i < n) {
            const unsigned k = FIRST ? float_key(x[i]) : keys[i];
            atomicAdd(&hist[(k >> shift) & 255u], 1);
        }
    }
    __syncthreads();
    counts[(size_t)threadIdx.x * num_tiles + blockIdx.x] = hist[threadIdx.x];
}

// Block d: exclusive scan of counts[d][0 .. num_tiles) in place; digit_total[d] = the row's sum.
__global__ void scan_rows_kernel(int num_tiles, int *counts, int *digit_total) {
    int *row = counts + (size_t)blockIdx.x * num_tiles;
    int carry = 0;
    for (int base = 0; base < num_tiles; base += blockDim.x) {
        const int t = base + threadIdx.x;
        const int v = t < num_tiles ? row[t] : 0;
        int total;
        const int ex = block_exclusive_scan(v, total);
        if (t < num_tiles) row[t] = carry + ex;
        carry += total;
    }
    if (threadIdx.x == 0) digit_total[blockIdx.x] = carry;
}

__global__ void scan_digits_kernel(const int *digit_total, int *digit_base) {  // <<<1, 256>>>
    int total;
    digit_base[threadIdx.x] = block_exclusive_scan(digit_total[threadIdx.x], total);
}

template <bool FIRST, bool LAST>
__global__ void scatter_kernel(size_t n, const float *__restrict__ x,
                               const unsigned *__restrict__ keys_in,
                               const int *__restrict__ vals_in, int shift, int num_tiles,
                               const int *__restrict__ offsets,
                               const int *__restrict__ digit_base, unsigned *keys_out,
                               int *vals_out, int *rank) {
    __shared__ int next_pos[RK_DIGITS];
    __shared__ int wcount[RK_WARPS][RK_DIGITS];
    const int tid = threadIdx.x, lane = tid & 31, wid = tid >> 5;
    next_pos[tid] = digit_base[tid] + offsets[(size_t)tid * num_tiles + blockIdx.x];
    for (int w = 0; w < RK_WARPS; w++) wcount[w][tid] = 0;
    __syncthreads();
    const size_t tile_start = (size_t)blockIdx.x * RK_TILE;
    for (int r = 0; r < RK_ROUNDS; r++) {
        const size_t first = tile_start + (size_t)r * RK_BLOCK;
        if (first >= n) break;  // uniform over the block
        const size_t i = first + tid;
        unsigned k = 0u;
        int v = 0, d = -1;  // lanes past n keep digit -1 and still join the match
        if (i < n) {
            k = FIRST ? float_key(x[i]) : keys_in[i];
            v = FIRST ? (int)i : vals_in[i];
            d = (int)((k >> shift) & 255u);
        }
        const unsigned peers = __match_any_sync(0xffffffffu, d);
        const int in_warp = __popc(peers & ((1u << lane) - 1u));
        if (d >= 0 && lane == __ffs(peers) - 1) wcount[wid][d] = __popc(peers);
        __syncthreads();
        if (d >= 0) {
            int pos = next_pos[d] + in_warp;
            for (int w = 0; w < wid; w++) pos += wcount[w][d];
            if (LAST) {
                rank[v] = pos;
            } else {
                keys_out[pos] = k;
                vals_out[pos] = v;
            }
        }
        __syncthreads();  // every read of wcount / next_pos of this round is done
        int add = 0;      // thread tid owns digit tid
        for (int w = 0; w < RK_WARPS; w++) {
            add += wcount[w][tid];
            wcount[w][tid] = 0;
        }
        next_pos[tid] += add;
        __syncthreads();
    }
}

void ordinal_ranks_f32_device(const float *x, size_t x_size, int *rank, size_t rank_size) {
    const size_t n = x_size;
    if (n == 0) return;
    const int num_tiles = (int)((n + RK_TILE - 1) / RK_TILE);
    const size_t count_elems = (size_t)RK_DIGITS * num_tiles;
    int *work = nullptr;
    unsigned *keys = nullptr;
    int *vals = nullptr;
    cudaMalloc(&work, (count_elems + 2 * RK_DIGITS) * sizeof(int));
    cudaMalloc(&keys, 2 * n * sizeof(unsigned));
    cudaMalloc(&vals, 2 * n * sizeof(int));
    int *counts = work, *digit_total = work + count_elems, *digit_base = digit_total + RK_DIGITS;
    unsigned *k_buf[2] = {keys, keys + n};
    int *v_buf[2] = {vals, vals + n};
    for (int pass = 0; pass < 4; pass++) {
        const int shift = 8 * pass;
        const unsigned *k_in = k_buf[(pass + 1) & 1];
        const int *v_in = v_buf[(pass + 1) & 1];
        unsigned *k_out = k_buf[pass & 1];
        int *v_out = v_buf[pass & 1];
        if (pass == 0)
            tile_counts_kernel<true><<<num_tiles, RK_BLOCK>>>(n, x, k_in, shift, num_tiles, counts);
        else
            tile_counts_kernel<false><<<num_tiles, RK_BLOCK>>>(n, x, k_in, shift, num_tiles, counts);
        scan_rows_kernel<<<RK_DIGITS, 1024>>>(num_tiles, counts, digit_total);
        scan_digits_kernel<<<1, RK_DIGITS>>>(digit_total, digit_base);
        if (pass == 0)
            scatter_kernel<true, false><<<num_tiles, RK_BLOCK>>>(
                n, x, k_in, v_in, shift, num_tiles, counts, digit_base, k_out, v_out, rank);
        else if (pass < 3)
            scatter_kernel<false, false><<<num_tiles, RK_BLOCK>>>(
                n, x, k_in, v_in, shift, num_tiles, counts, digit_base, k_out, v_out, rank);
        else
            scatter_kernel<false, true><<<num_tiles, RK_BLOCK>>>(
                n, x, k_in, v_in, shift, num_tiles, counts, digit_base, k_out, v_out, rank);
    }
    cudaFree(vals);  // cudaFree waits for the kernels that use them
    cudaFree(keys);
    cudaFree(work);
}
