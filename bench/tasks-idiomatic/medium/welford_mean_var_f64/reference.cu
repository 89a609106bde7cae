// Welford states (count, mean, M2) combined with Chan et al.'s pairwise rule,
//   n = na + nb, d = mb - ma, mean = ma + d nb / n, M2 = M2a + M2b + d^2 na nb / n,
// which keeps the accuracy of the sequential update on data with a large offset (a sum of
// squares would lose it to cancellation); partial states of the blocks go through global
// memory to a one-block final merge (no atomics: the merge is not a plain sum).
// Expert steps, in the order they were added:
//  1. grid-stride loop: a fixed grid (a few blocks per SM) strides over x; each thread runs
//     the sequential Welford update over its own elements, in registers.
//  2. warp shuffle reduction: the 32 states of a warp are merged with __shfl_down_sync of
//     (count, mean, M2), an empty state leaving the other unchanged.
//  3. shared memory reduction: the warps' states go through shared memory and the first warp
//     merges them; each block writes one state, and a final block merges those the same way
//     and writes mean and variance (M2 / (n - 1), 0 for a single sample).
#include <cuda_runtime.h>
#include <cstddef>

#define WF_BLOCK 256
#define WF_WARPS (WF_BLOCK / 32)

struct Welford {
    double n, mean, m2;
};

__device__ __forceinline__ Welford wf_merge(Welford a, Welford b) {
    if (b.n == 0.0) return a;
    if (a.n == 0.0) return b;
    const double n = a.n + b.n;
    const double d = b.mean - a.mean;
    Welford r;
    r.n = n;
    r.mean = a.mean + d * (b.n / n);
    r.m2 = a.m2 + b.m2 + d * d * (a.n * b.n / n);
    return r;
}

__device__ __forceinline__ Welford wf_warp(Welford s) {
    for (int o = 16; o > 0; o >>= 1) {
        Welford other;
        other.n = __shfl_down_sync(0xffffffffu, s.n, o);
        other.mean = __shfl_down_sync(0xffffffffu, s.mean, o);
        other.m2 = __shfl_down_sync(0xffffffffu, s.m2, o);
        s = wf_merge(s, other);
    }
    return s;
}

// Block-wide merge; the result is valid in thread 0.
__device__ Welford wf_block(Welford s) {
    __shared__ Welford warp_states[WF_WARPS];
    s = wf_warp(s);
    const int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
    if (lane == 0) warp_states[warp] = s;
    __syncthreads();
    if (warp == 0) {
        Welford t = {0.0, 0.0, 0.0};
        if (lane < WF_WARPS) t = warp_states[lane];
        s = wf_warp(t);
    }
    return s;
}

__global__ void welford_partial_kernel(size_t n, const double *__restrict__ x, Welford *parts) {
    Welford s = {0.0, 0.0, 0.0};
    const size_t stride = (size_t)gridDim.x * WF_BLOCK;
    for (size_t i = (size_t)blockIdx.x * WF_BLOCK + threadIdx.x; i < n; i += stride) {
        s.n += 1.0;
        const double delta = x[i] - s.mean;
        s.mean += delta / s.n;
        s.m2 += delta * (x[i] - s.mean);
    }
    s = wf_block(s);
    if (threadIdx.x == 0) parts[blockIdx.x] = s;
}

__global__ void welford_final_kernel(int parts_count, const Welford *parts, double *mean,
                                     double *variance) {
    Welford s = {0.0, 0.0, 0.0};
    for (int i = threadIdx.x; i < parts_count; i += WF_BLOCK) s = wf_merge(s, parts[i]);
    s = wf_block(s);
    if (threadIdx.x == 0) {
        *mean = s.mean;
        *variance = s.n > 1.0 ? s.m2 / (s.n - 1.0) : 0.0;
    }
}

void welford_mean_var_f64_device(const double *x, size_t x_size, double *mean,
                                 double *variance) {
    if (x_size == 0) {
        cudaMemset(mean, 0, sizeof(double));
        cudaMemset(variance, 0, sizeof(double));
        return;
    }
    int sms = 0;
    cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, 0);
    size_t need = (x_size + WF_BLOCK - 1) / WF_BLOCK;
    int blocks = (int)(need < (size_t)4 * sms ? need : (size_t)4 * sms);
    if (blocks < 1) blocks = 1;
    Welford *parts = nullptr;
    cudaMalloc(&parts, blocks * sizeof(Welford));
    welford_partial_kernel<<<blocks, WF_BLOCK>>>(x_size, x, parts);
    welford_final_kernel<<<1, WF_BLOCK>>>(blocks, parts, mean, variance);
    cudaFree(parts);
}
