// One pass over x after the bins are zeroed. The bin of a sample is computed with the same
// float operations as the C++ code (scale = nbins / (hi - lo) on the host, (v - lo) * scale
// truncated, clamped to the last bin), so every sample lands in the same bin.
// Expert steps, in the order they were added:
//  1. privatization: when the bins fit in shared memory (up to 12288 ints), each block counts
//     into its own shared-memory copy (shared-memory atomics), then adds the nonzero bins to
//     the global histogram; with more bins, the counts go straight to global memory.
//  2. atomic accumulation: the block copies are merged into counts with one atomicAdd per
//     nonzero bin; the samples outside [lo, hi) are counted with a warp vote (__ballot_sync,
//     __popc) and one atomicAdd per warp, into a 64-bit counter the host reads back.
#include <cuda_runtime.h>
#include <cstddef>

#define HIST_BLOCK 256
#define HIST_SMEM_BINS 12288

__device__ __forceinline__ bool bin_of(float v, float lo, float hi, float scale, size_t nbins,
                                       size_t &bin) {
    if (v < lo || v >= hi) return false;
    size_t b = (size_t)((v - lo) * scale);
    if (b >= nbins) b = nbins - 1;
    bin = b;
    return true;
}

__global__ void hist_private_kernel(size_t n, const float *__restrict__ x, float lo, float hi,
                                    float scale, size_t nbins, int *counts,
                                    unsigned long long *outside) {
    extern __shared__ int s_bins[];
    for (size_t b = threadIdx.x; b < nbins; b += blockDim.x) s_bins[b] = 0;
    __syncthreads();
    unsigned out_count = 0;
    const size_t stride = (size_t)gridDim.x * blockDim.x;
    for (size_t base = (size_t)blockIdx.x * blockDim.x; base < n; base += stride) {
        const size_t i = base + threadIdx.x;
        size_t bin = 0;
        bool in = false, out = false;
        if (i < n) {
            in = bin_of(x[i], lo, hi, scale, nbins, bin);
            out = !in;
        }
        if (in) atomicAdd(&s_bins[bin], 1);
        out_count += __popc(__ballot_sync(0xffffffffu, out));
    }
    if ((threadIdx.x & 31) == 0 && out_count) atomicAdd(outside, (unsigned long long)out_count);
    __syncthreads();
    for (size_t b = threadIdx.x; b < nbins; b += blockDim.x)
        if (s_bins[b]) atomicAdd(&counts[b], s_bins[b]);
}

__global__ void hist_global_kernel(size_t n, const float *__restrict__ x, float lo, float hi,
                                   float scale, size_t nbins, int *counts,
                                   unsigned long long *outside) {
    const size_t i = (size_t)blockIdx.x * blockDim.x + threadIdx.x;
    size_t bin = 0;
    bool in = false, out = false;
    if (i < n) {
        in = bin_of(x[i], lo, hi, scale, nbins, bin);
        out = !in;
    }
    if (in) atomicAdd(&counts[bin], 1);
    const unsigned c = __popc(__ballot_sync(0xffffffffu, out));
    if ((threadIdx.x & 31) == 0 && c) atomicAdd(outside, (unsigned long long)c);
}

size_t histogram_uniform_f32_device(const float *x, size_t x_size, float lo, float hi,
                                    int *counts, size_t counts_size) {
    const size_t nbins = counts_size;
    if (nbins > 0) cudaMemset(counts, 0, nbins * sizeof(int));
    const float scale = (float)nbins / (hi - lo);
    unsigned long long *d_out = nullptr;
    cudaMalloc(&d_out, sizeof(unsigned long long));
    cudaMemset(d_out, 0, sizeof(unsigned long long));
    if (x_size > 0 && nbins > 0) {
        if (nbins <= HIST_SMEM_BINS) {
            int sms = 0;
            cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, 0);
            size_t need = (x_size + HIST_BLOCK - 1) / HIST_BLOCK;
            unsigned blocks = (unsigned)(need < (size_t)4 * sms ? need : (size_t)4 * sms);
            if (blocks < 1) blocks = 1;
            hist_private_kernel<<<blocks, HIST_BLOCK, nbins * sizeof(int)>>>(
                x_size, x, lo, hi, scale, nbins, counts, d_out);
        } else {
            const unsigned blocks = (unsigned)((x_size + HIST_BLOCK - 1) / HIST_BLOCK);
            hist_global_kernel<<<blocks, HIST_BLOCK>>>(x_size, x, lo, hi, scale, nbins, counts,
                                                       d_out);
        }
    }
    unsigned long long outside = 0;
    cudaMemcpy(&outside, d_out, sizeof(outside), cudaMemcpyDeviceToHost);
    cudaFree(d_out);
    return (size_t)outside;
}
