// 16-bin histogram of the samples in [lo, hi); hist is an int[16] (a device pointer).
// Expert steps, in the order they were added:
//  1. thread mapping: each sample finds its bin independently, with the C code's float
//     operations in the same order ((v - lo) * scale, scale = 16 / (hi - lo)), so every sample
//     lands in the same bin as on the CPU.
//  2. grid-stride loop: a fixed grid (4 blocks per SM) streams over the samples.
//  3. privatization: only 16 bins, so every sample would hit one of 16 hot global counters;
//     each warp counts into its own 16 bins in shared memory instead.
//  4. atomic accumulation: the block adds its warps' bins and then adds its 16 totals to the
//     global histogram (zeroed by the launcher) with one atomicAdd each.
#define HB_BLOCK 256
#define HB_WARPS (HB_BLOCK / 32)
#define HB_BINS 16

__global__ void __launch_bounds__(HB_BLOCK)
hist16_kernel(const float *__restrict__ x, size_t n, float lo, float hi, float scale,
              int *hist) {
    __shared__ int s_bins[HB_WARPS][HB_BINS];
    for (int t = threadIdx.x; t < HB_WARPS * HB_BINS; t += HB_BLOCK) (&s_bins[0][0])[t] = 0;
    __syncthreads();
    int *mine = s_bins[threadIdx.x >> 5];
    for (size_t i = (size_t)blockIdx.x * HB_BLOCK + threadIdx.x; i < n;
         i += (size_t)gridDim.x * HB_BLOCK) {
        const float v = x[i];
        if (v < lo || v >= hi) continue;
        int b = (int)((v - lo) * scale);
        b = b < HB_BINS - 1 ? b : HB_BINS - 1;
        atomicAdd(&mine[b], 1);
    }
    __syncthreads();
    if (threadIdx.x < HB_BINS) {
        int total = 0;
#pragma unroll
        for (int w = 0; w < HB_WARPS; ++w) total += s_bins[w][threadIdx.x];
        if (total) atomicAdd(&hist[threadIdx.x], total);
    }
}

void value_histogram16_device(const float *x, size_t x_size, float lo, float hi, int *hist) {
    cudaMemsetAsync(hist, 0, HB_BINS * sizeof(int));
    if (!(hi > lo) || x_size == 0) return;
    const float scale = 16.0f / (hi - lo);  // kBins / (hi - lo): int 16 -> float, as in C
    int sms = 0;
    cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, 0);
    if (sms < 1) sms = 1;
    size_t blocks = (x_size + HB_BLOCK - 1) / HB_BLOCK;
    if (blocks > (size_t)4 * sms) blocks = (size_t)4 * sms;
    hist16_kernel<<<(unsigned)blocks, HB_BLOCK>>>(x, x_size, lo, hi, scale, hist);
}
