// Privatization: per-block partial sums of the nbins bins in shared memory (fast shared float
// atomics), merged into the global bins once per block. Very large nbins fall back to global
// atomics.
#define MAX_SHARED_BINS 8192

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

__global__ void weighted_hist_private_kernel(int n, const int *key, const float *w, int nbins,
                                             float *hist) {
    extern __shared__ float local[];
    for (int k = threadIdx.x; k < nbins; k += blockDim.x) local[k] = 0.0f;
    __syncthreads();
    long long stride = (long long)gridDim.x * blockDim.x;
    for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x; i < n; i += stride) {
        int k = key[i];
        if (k >= 0 && k < nbins) atomicAdd(&local[k], w[i]);
    }
    __syncthreads();
    for (int k = threadIdx.x; k < nbins; k += blockDim.x) {
        float s = local[k];
        if (s != 0.0f) atomicAdd(&hist[k], s);
    }
}

void weighted_key_histogram_device(int n, const int *key, const float *w, int nbins,
                                   float *hist) {
    if (nbins <= 0) return;
    const int block = 256;
    zero_bins_kernel<<<(nbins + block - 1) / block, block>>>(nbins, hist);
    if (n <= 0) return;
    long long needed = ((long long)n + block - 1) / block;
    if (nbins > MAX_SHARED_BINS) {
        weighted_hist_kernel<<<(unsigned)needed, block>>>(n, key, w, nbins, hist);
        return;
    }
    int dev = 0, sms = 0;
    cudaGetDevice(&dev);
    cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, dev);
    if (sms <= 0) sms = 1;
    long long cap = (long long)sms * 8;
    unsigned grid = (unsigned)(needed < cap ? needed : cap);
    weighted_hist_private_kernel<<<grid, block, nbins * sizeof(float)>>>(n, key, w, nbins, hist);
}
