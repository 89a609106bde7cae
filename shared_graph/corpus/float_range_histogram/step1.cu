// One thread per value: compute the clamped bin exactly as the C code does and add one to it
// with a global atomic. The bins are zeroed by a first kernel.
__global__ void zero_bins_kernel(int nbins, int *hist) {
    int b = blockIdx.x * blockDim.x + threadIdx.x;
    if (b < nbins) hist[b] = 0;
}

__global__ void float_hist_kernel(int n, const float *x, float lo, float scale, int nbins,
                                  int *hist) {
    long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) {
        int b = (int)((x[i] - lo) * scale);
        if (b < 0) b = 0;
        if (b > nbins - 1) b = nbins - 1;
        atomicAdd(&hist[b], 1);
    }
}

void float_range_histogram_device(int n, const float *x, float lo, float hi, int nbins,
                                  int *hist) {
    if (nbins <= 0) return;
    float scale = (float)nbins / (hi - lo);  // same single-precision value as the C code
    const int block = 256;
    zero_bins_kernel<<<(nbins + block - 1) / block, block>>>(nbins, hist);
    if (n <= 0) return;
    unsigned grid = (unsigned)(((long long)n + block - 1) / block);
    float_hist_kernel<<<grid, block>>>(n, x, lo, scale, nbins, hist);
}
