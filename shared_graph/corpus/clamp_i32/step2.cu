// A fixed grid (a few blocks per SM) strides over the array: fewer, longer-lived threads.
__device__ __forceinline__ int clamp_one(int v, int lo, int hi) {
    if (v < lo) v = lo;
    else if (v > hi) v = hi;
    return v;
}

__global__ void clamp_kernel(int n, const int *x, int lo, int hi, int *y) {
    int stride = gridDim.x * blockDim.x;
    for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += stride)
        y[i] = clamp_one(x[i], lo, hi);
}

void clamp_i32_device(int n, const int *x, int lo, int hi, int *y) {
    if (n <= 0) return;
    int block = 256;
    int dev = 0, sms = 0;
    cudaGetDevice(&dev);
    cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, dev);
    if (sms <= 0) sms = 80;
    int needed = (n + block - 1) / block;
    int grid = needed < sms * 8 ? needed : sms * 8;
    clamp_kernel<<<grid, block>>>(n, x, lo, hi, y);
}
