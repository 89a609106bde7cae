// Grid-stride loop over int4 groups (16-byte loads and stores); the n % 4 leftover elements
// are done by the first threads of the grid in the same kernel.
__device__ __forceinline__ int clamp_one(int v, int lo, int hi) {
    if (v < lo) v = lo;
    else if (v > hi) v = hi;
    return v;
}

__global__ void clamp_kernel(int n, const int *x, int lo, int hi, int *y) {
    int stride = gridDim.x * blockDim.x;
    int tid = blockIdx.x * blockDim.x + threadIdx.x;
    int n4 = n / 4;
    const int4 *x4 = (const int4 *)x;
    int4 *y4 = (int4 *)y;
    for (int i = tid; i < n4; i += stride) {
        int4 v = x4[i];
        v.x = clamp_one(v.x, lo, hi);
        v.y = clamp_one(v.y, lo, hi);
        v.z = clamp_one(v.z, lo, hi);
        v.w = clamp_one(v.w, lo, hi);
        y4[i] = v;
    }
    int i = n4 * 4 + tid;  // at most 3 leftover elements
    if (i < n) y[i] = clamp_one(x[i], lo, hi);
}

void clamp_i32_device(int n, const int *x, int lo, int hi, int *y) {
    if (n <= 0) return;
    int block = 256;
    int dev = 0, sms = 0;
    cudaGetDevice(&dev);
    cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, dev);
    if (sms <= 0) sms = 80;
    int groups = n / 4 > 0 ? n / 4 : 1;
    int needed = (groups + block - 1) / block;
    int grid = needed < sms * 8 ? needed : sms * 8;
    clamp_kernel<<<grid, block>>>(n, x, lo, hi, y);
}
