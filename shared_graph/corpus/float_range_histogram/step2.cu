// Privatization: each block accumulates a private copy of the nbins bins in shared memory over
// a grid-stride range and merges it into the global histogram once. Histograms too large for
// shared memory keep the global-atomic kernel.
#define MAX_SHARED_BINS 8192  // 32 KiB of dynamic shared memory

__global__ void zero_bins_kernel(int nbins, int *hist) {
    int b = blockIdx.x * blockDim.x + threadIdx.x;
    if (b < nbins) hist[b] = 0;
}

__device__ __forceinline__ int bin_of(float v, float lo, float scale, int nbins) {
    int b = (int)((v - lo) * scale);
    if (b < 0) b = 0;
    if (b > nbins - 1) b = nbins - 1;
    return b;
}

__global__ void float_hist_kernel(int n, const float *x, float lo, float scale, int nbins,
                                  int *hist) {
    long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) atomicAdd(&hist[bin_of(x[i], lo, scale, nbins)], 1);
}

__global__ void float_hist_private_kernel(int n, const float *x, float lo, float scale,
                                          int nbins, int *hist) {
    extern __shared__ int local[];
    for (int b = threadIdx.x; b < nbins; b += blockDim.x) local[b] = 0;
    __syncthreads();
    long long stride = (long long)gridDim.x * blockDim.x;
    for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x; i < n; i += stride)
        atomicAdd(&local[bin_of(x[i], lo, scale, nbins)], 1);
    __syncthreads();
    for (int b = threadIdx.x; b < nbins; b += blockDim.x) {
        int c = local[b];
        if (c != 0) atomicAdd(&hist[b], c);
    }
}

void float_range_histogram_device(int n, const float *x, float lo, float hi, int nbins,
                                  int *hist) {
    if (nbins <= 0) return;
    float scale = (float)nbins / (hi - lo);
    const int block = 256;
    zero_bins_kernel<<<(nbins + block - 1) / block, block>>>(nbins, hist);
    if (n <= 0) return;
    long long needed = ((long long)n + block - 1) / block;
    if (nbins > MAX_SHARED_BINS) {
        float_hist_kernel<<<(unsigned)needed, block>>>(n, x, lo, scale, nbins, hist);
        return;
    }
    int dev = 0, sms = 0;
    cudaGetDevice(&dev);
    cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, dev);
    if (sms <= 0) sms = 1;
    long long cap = (long long)sms * 8;
    unsigned grid = (unsigned)(needed < cap ? needed : cap);
    float_hist_private_kernel<<<grid, block, nbins * sizeof(int)>>>(n, x, lo, scale, nbins,
                                                                    hist);
}
