#include <stdint.h>
// Privatized shared-memory histogram; the input is read 16 bytes per load (uint4). A scalar
// head brings the pointer to a 16-byte boundary and a scalar tail takes the last n % 16 bytes.
__global__ void zero_bins_kernel(int *hist) {
    int b = threadIdx.x;
    if (b < 256) hist[b] = 0;
}

__device__ __forceinline__ void count_word(int *local, unsigned w) {
    atomicAdd(&local[w & 255u], 1);
    atomicAdd(&local[(w >> 8) & 255u], 1);
    atomicAdd(&local[(w >> 16) & 255u], 1);
    atomicAdd(&local[w >> 24], 1);
}

// data[0 .. head) and data[head + 16 * nvec .. n) are counted byte by byte;
// data[head .. head + 16 * nvec) is 16-byte aligned and counted through uint4 loads.
__global__ void byte_hist_vec_kernel(int n, const unsigned char *data, int head, long long nvec,
                                     int *hist) {
    __shared__ int local[256];
    for (int b = threadIdx.x; b < 256; b += blockDim.x) local[b] = 0;
    __syncthreads();
    long long tid = (long long)blockIdx.x * blockDim.x + threadIdx.x;
    long long stride = (long long)gridDim.x * blockDim.x;
    const uint4 *vec = (const uint4 *)(data + head);
    for (long long v = tid; v < nvec; v += stride) {
        uint4 q = vec[v];
        count_word(local, q.x);
        count_word(local, q.y);
        count_word(local, q.z);
        count_word(local, q.w);
    }
    long long tail_start = (long long)head + 16 * nvec;
    long long rest = (long long)head + ((long long)n - tail_start);  // scalar elements
    for (long long r = tid; r < rest; r += stride) {
        long long i = r < head ? r : tail_start + (r - head);
        atomicAdd(&local[data[i]], 1);
    }
    __syncthreads();
    for (int b = threadIdx.x; b < 256; b += blockDim.x) {
        int c = local[b];
        if (c != 0) atomicAdd(&hist[b], c);
    }
}

void byte_histogram_u8_device(int n, const unsigned char *data, int *hist) {
    zero_bins_kernel<<<1, 256>>>(hist);
    if (n <= 0) return;
    const int block = 256;
    int head = (int)((16 - ((uintptr_t)data & 15)) & 15);
    if (head > n) head = n;
    long long nvec = ((long long)n - head) / 16;
    int dev = 0, sms = 0;
    cudaGetDevice(&dev);
    cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, dev);
    if (sms <= 0) sms = 1;
    long long work = nvec > 0 ? nvec : (long long)n;
    long long needed = (work + block - 1) / block;
    long long cap = (long long)sms * 8;
    unsigned grid = (unsigned)(needed < cap ? needed : cap);
    if (grid == 0) grid = 1;
    byte_hist_vec_kernel<<<grid, block>>>(n, data, head, nvec, hist);
}
