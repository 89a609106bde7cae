// One thread per pixel pair: bin (a >> 4) * 16 + (b >> 4), one global atomic per pair.
__global__ void zero_bins_kernel(int *hist) {
    int k = threadIdx.x;
    if (k < 256) hist[k] = 0;
}

__global__ void joint_hist_kernel(int n, const unsigned char *a, const unsigned char *b,
                                  int *hist) {
    long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) atomicAdd(&hist[(a[i] >> 4) * 16 + (b[i] >> 4)], 1);
}

void joint_histogram_16x16_device(int n, const unsigned char *a, const unsigned char *b,
                                  int *hist) {
    zero_bins_kernel<<<1, 256>>>(hist);
    if (n <= 0) return;
    const int block = 256;
    unsigned grid = (unsigned)(((long long)n + block - 1) / block);
    joint_hist_kernel<<<grid, block>>>(n, a, b, hist);
}
