// Two kernels: partial (max, sum) pairs per block, then one pass that merges them and writes
// the outputs. The maximum is exact; the sum of exponentials is accumulated in float about
// running maxima (its relative error, ~1e-6, moves the log-sum-exp far less than the float
// tolerance allows).
// Expert steps, in the order they were added:
//  1. grid-stride loop: a fixed grid (a few blocks per SM) strides over the logits.
//  2. online softmax: each thread keeps a running (max, sum of exp(x - max)) and rescales the
//     sum by exp(old - new) when the maximum grows, so the logits are read once for both.
//  3. warp shuffle reduction: the 32 (max, sum) pairs of a warp merge with __shfl_down_sync by
//     the same rule, m = max(ma, mb), s = sa exp(ma - m) + sb exp(mb - m).
//  4. shared memory reduction: the warps' pairs go through shared memory and the first warp
//     merges them; each block writes one pair.
//  5. kernel fusion: the final merge of the block pairs is done by every block of the output
//     kernel itself (a few hundred pairs, read from L2) before it writes out[i] = x[i] - lse,
//     instead of a separate one-block kernel and a third launch.
#include <cuda_runtime.h>
#include <cstddef>
#include <math.h>

#define LS_BLOCK 256
#define LS_WARPS (LS_BLOCK / 32)

struct MaxSum {
    float m, s;
};

__device__ __forceinline__ MaxSum ms_merge(MaxSum a, MaxSum b) {
    if (b.s == 0.0f) return a;  // empty
    if (a.s == 0.0f) return b;
    const float m = fmaxf(a.m, b.m);
    return {m, a.s * expf(a.m - m) + b.s * expf(b.m - m)};
}

__device__ MaxSum ms_block(MaxSum v) {  // result valid in thread 0
    __shared__ MaxSum warp_pairs[LS_WARPS];
    for (int o = 16; o > 0; o >>= 1) {
        MaxSum other = {__shfl_down_sync(0xffffffffu, v.m, o),
                        __shfl_down_sync(0xffffffffu, v.s, o)};
        v = ms_merge(v, other);
    }
    const int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
    if (lane == 0) warp_pairs[warp] = v;
    __syncthreads();
    if (warp == 0) {
        v = lane < LS_WARPS ? warp_pairs[lane] : MaxSum{-INFINITY, 0.0f};
        for (int o = 16; o > 0; o >>= 1) {
            MaxSum other = {__shfl_down_sync(0xffffffffu, v.m, o),
                            __shfl_down_sync(0xffffffffu, v.s, o)};
            v = ms_merge(v, other);
        }
    }
    return v;
}

__global__ void partial_kernel(size_t n, const float *__restrict__ x, MaxSum *parts) {
    MaxSum v = {-INFINITY, 0.0f};
    const size_t stride = (size_t)gridDim.x * LS_BLOCK;
    for (size_t i = (size_t)blockIdx.x * LS_BLOCK + threadIdx.x; i < n; i += stride) {
        const float a = x[i];
        if (a > v.m) {
            v.s = v.s * expf(v.m - a) + 1.0f;  // exp(-inf) = 0 for the first element
            v.m = a;
        } else {
            v.s += expf(a - v.m);
        }
    }
    v = ms_block(v);
    if (threadIdx.x == 0) parts[blockIdx.x] = v;
}

__global__ void output_kernel(size_t n, const float *__restrict__ x, int parts_count,
                              const MaxSum *__restrict__ parts, float *__restrict__ out) {
    __shared__ float s_lse;
    MaxSum v = {-INFINITY, 0.0f};
    for (int p = threadIdx.x; p < parts_count; p += LS_BLOCK) v = ms_merge(v, parts[p]);
    v = ms_block(v);
    if (threadIdx.x == 0) s_lse = v.m + logf(v.s);
    __syncthreads();
    const float lse = s_lse;
    const size_t stride = (size_t)gridDim.x * LS_BLOCK;
    for (size_t i = (size_t)blockIdx.x * LS_BLOCK + threadIdx.x; i < n; i += stride)
        out[i] = x[i] - lse;
}

void log_softmax_f32_device(const float *logits, size_t logits_size, float *out,
                            size_t out_size) {
    const size_t n = logits_size;
    if (n == 0) return;
    int sms = 0;
    cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, 0);
    size_t need = (n + LS_BLOCK - 1) / LS_BLOCK;
    int blocks = (int)(need < (size_t)4 * sms ? need : (size_t)4 * sms);
    if (blocks < 1) blocks = 1;
    MaxSum *parts = nullptr;
    cudaMalloc(&parts, blocks * sizeof(MaxSum));
    partial_kernel<<<blocks, LS_BLOCK>>>(n, logits, parts);
    output_kernel<<<blocks, LS_BLOCK>>>(n, logits, blocks, parts, out);
    cudaFree(parts);
}
