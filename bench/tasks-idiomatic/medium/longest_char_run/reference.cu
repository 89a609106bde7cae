// Longest run of equal characters as an ordered reduction. A stretch of text is summarized
// by (len, pre, suf, best, first, last): its length, the run at its start, the run at its
// end, the longest run inside, its first and last characters. Two adjacent summaries combine
// associatively (not commutatively): runs join across the seam when last == first.
// Expert steps, in the order they were added:
//  1. thread mapping: each thread summarizes its own stretch of the text; the carried `run`
//     of the C loop becomes the pre/suf fields, so the stretches are independent.
//  2. thread coarsening: a stretch is 16 consecutive bytes, scanned sequentially in registers;
//     a block covers 4096 consecutive bytes.
//  3. vectorized memory access: when the text is 16-byte aligned a thread loads its stretch
//     as one uint4 (consecutive threads, consecutive 16 bytes: fully coalesced); otherwise
//     byte by byte.
//  4. warp shuffle reduction: the 32 summaries of a warp are combined in lane order with
//     __shfl_down_sync (lane l takes lane l + o as its right neighbour), so lane 0 holds the
//     warp's stretch of 512 bytes.
//  5. shared memory reduction: the warps' summaries are combined in order through shared
//     memory into one per block, stored in a partials array; a one-block second pass lets
//     each thread fold a contiguous run of partials and reduces those the same way.
#include <cstdint>

#define LR_BLOCK 256
#define LR_PER 16
#define LR_TILE (LR_BLOCK * LR_PER)

struct RunSum {
    unsigned long long len, pre, suf, best;
    int first, last;
};

__device__ __forceinline__ RunSum rs_empty() { return RunSum{0, 0, 0, 0, -1, -1}; }

__device__ __forceinline__ RunSum rs_combine(const RunSum &l, const RunSum &r) {
    if (l.len == 0) return r;
    if (r.len == 0) return l;
    const bool join = l.last == r.first;
    RunSum o;
    o.len = l.len + r.len;
    o.pre = (join && l.pre == l.len) ? l.len + r.pre : l.pre;
    o.suf = (join && r.suf == r.len) ? r.len + l.suf : r.suf;
    unsigned long long b = l.best > r.best ? l.best : r.best;
    if (join && l.suf + r.pre > b) b = l.suf + r.pre;
    o.best = b;
    o.first = l.first;
    o.last = r.last;
    return o;
}

__device__ __forceinline__ RunSum rs_shfl_down(const RunSum &a, int o) {
    RunSum b;
    b.len = __shfl_down_sync(0xffffffffu, a.len, o);
    b.pre = __shfl_down_sync(0xffffffffu, a.pre, o);
    b.suf = __shfl_down_sync(0xffffffffu, a.suf, o);
    b.best = __shfl_down_sync(0xffffffffu, a.best, o);
    b.first = __shfl_down_sync(0xffffffffu, a.first, o);
    b.last = __shfl_down_sync(0xffffffffu, a.last, o);
    return b;
}

__device__ __forceinline__ RunSum rs_warp(RunSum a) {
#pragma unroll
    for (int o = 1; o < 32; o <<= 1) {
        RunSum b = rs_shfl_down(a, o);
        // lane l combines [l, l+o) with [l+o, l+2o); lanes past the warp's end get junk that
        // never reaches lane 0
        if ((threadIdx.x & 31) + o < 32) a = rs_combine(a, b);
    }
    return a;
}

// Ordered block reduction; thread 0 gets the block's summary.
__device__ RunSum rs_block(RunSum a) {
    __shared__ RunSum s_warp[LR_BLOCK / 32];
    a = rs_warp(a);
    const int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
    if (lane == 0) s_warp[warp] = a;
    __syncthreads();
    if (warp == 0) {
        a = lane < LR_BLOCK / 32 ? s_warp[lane] : rs_empty();
        a = rs_warp(a);
    }
    return a;
}

// Summary of `count` (1..16) bytes held in bytes[].
__device__ __forceinline__ RunSum rs_of_bytes(const unsigned char *bytes, int count) {
    RunSum a;
    a.len = count;
    a.first = bytes[0];
    unsigned long long run = 1, best = 1, pre = 1;
    bool in_pre = true;
    for (int k = 1; k < count; ++k) {
        if (bytes[k] == bytes[k - 1]) {
            ++run;
        } else {
            run = 1;
            in_pre = false;
        }
        if (in_pre) pre = run;
        if (run > best) best = run;
    }
    a.pre = pre;
    a.suf = run;
    a.best = best;
    a.last = bytes[count - 1];
    return a;
}

__global__ void __launch_bounds__(LR_BLOCK)
run_partial_kernel(const unsigned char *__restrict__ s, size_t n, int aligned,
                   RunSum *partials) {
    const size_t start = (size_t)blockIdx.x * LR_TILE + (size_t)threadIdx.x * LR_PER;
    RunSum a = rs_empty();
    if (start < n) {
        unsigned char bytes[LR_PER];
        const int count = (int)min((size_t)LR_PER, n - start);
        if (aligned && count == LR_PER) {
            const uint4 v = *reinterpret_cast<const uint4 *>(s + start);
            const unsigned w[4] = {v.x, v.y, v.z, v.w};
#pragma unroll
            for (int k = 0; k < LR_PER; ++k) bytes[k] = (w[k >> 2] >> (8 * (k & 3))) & 0xffu;
        } else {
            for (int k = 0; k < count; ++k) bytes[k] = s[start + k];
        }
        a = rs_of_bytes(bytes, count);
    }
    a = rs_block(a);
    if (threadIdx.x == 0) partials[blockIdx.x] = a;
}

__global__ void __launch_bounds__(LR_BLOCK)
run_final_kernel(const RunSum *partials, size_t parts, unsigned long long *out) {
    const size_t per = (parts + LR_BLOCK - 1) / LR_BLOCK;
    const size_t b = threadIdx.x * per, e = min(parts, b + per);
    RunSum a = rs_empty();
    for (size_t i = b; i < e; ++i) a = rs_combine(a, partials[i]);
    a = rs_block(a);
    if (threadIdx.x == 0) *out = a.best;
}

size_t longest_char_run_device(const char *s, size_t s_size) {
    if (s_size == 0) return 0;
    const size_t blocks = (s_size + LR_TILE - 1) / LR_TILE;
    const int aligned = ((uintptr_t)s % 16) == 0;
    RunSum *partials = nullptr;
    unsigned long long *result = nullptr;
    cudaMalloc(&partials, blocks * sizeof(RunSum));
    cudaMalloc(&result, sizeof(unsigned long long));
    run_partial_kernel<<<(unsigned)blocks, LR_BLOCK>>>((const unsigned char *)s, s_size, aligned,
                                                       partials);
    run_final_kernel<<<1, LR_BLOCK>>>(partials, blocks, result);
    unsigned long long best = 0;
    cudaMemcpy(&best, result, sizeof(best), cudaMemcpyDeviceToHost);
    cudaFree(partials);
    cudaFree(result);
    return (size_t)best;
}
