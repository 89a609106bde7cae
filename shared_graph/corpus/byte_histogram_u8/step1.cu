// One thread per input byte, each incrementing its bin in global memory with an atomic.
__global__ void zero_bins_kernel(int *hist) {
    int b = threadIdx.x;
    if (b < 256) hist[b] = 0;
}

__global__ void byte_hist_kernel(int n, const unsigned char *data, int *hist) {
    long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) atomicAdd(&hist[data[i]], 1);
}

void byte_histogram_u8_device(int n, const unsigned char *data, int *hist) {
    zero_bins_kernel<<<1, 256>>>(hist);
    if (n <= 0) return;
    const int block = 256;
    unsigned grid = (unsigned)(((long long)n + block - 1) / block);
    byte_hist_kernel<<<grid, block>>>(n, data, hist);
}
