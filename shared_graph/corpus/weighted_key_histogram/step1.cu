// One thread per element: add w[i] to bin key[i] with a float atomic in global memory.
__global__ void zero_bins_kernel(int nbins, float *hist) {
    int k = blockIdx.x * blockDim.x + threadIdx.x;
    if (k < nbins) hist[k] = 0.0f;
}

__global__ void weighted_hist_kernel(int n, const int *key, const float *w, int nbins,
                                     float *hist) {
    long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) {
        int k = key[i];
        if (k >= 0 && k < nbins) atomicAdd(&hist[k], w[i]);
    }
}

void weighted_key_histogram_device(int n, const int *key, const float *w, int nbins,
                                   float *hist) {
    if (nbins <= 0) return;
    const int block = 256;
    zero_bins_kernel<<<(nbins + block - 1) / block, block>>>(nbins, hist);
    if (n <= 0) return;
    unsigned grid = (unsigned)(((long long)n + block - 1) / block);
    weighted_hist_kernel<<<grid, block>>>(n, key, w, nbins, hist);
}
