// A grid sized to the machine: each thread first accumulates many squares in a register,
// then the block reduces with warp shuffles and adds its total with one atomicAdd.
#define BLOCK 256
#define WARPS (BLOCK / 32)

__device__ __forceinline__ double warp_sum(double v) {
    for (int offset = 16; offset > 0; offset >>= 1) v += __shfl_down_sync(0xffffffffu, v, offset);
    return v;
}

__global__ void sum_squares_kernel(int n, const double *x, double *sum) {
    __shared__ double warp_sums[WARPS];
    int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
    int stride = gridDim.x * BLOCK;
    double v = 0.0;
    for (int i = blockIdx.x * BLOCK + threadIdx.x; i < n; i += stride) v += x[i] * x[i];
    v = warp_sum(v);
    if (lane == 0) warp_sums[warp] = v;
    __syncthreads();
    if (warp == 0) {
        v = (lane < WARPS) ? warp_sums[lane] : 0.0;
        v = warp_sum(v);
        if (lane == 0) atomicAdd(sum, v);
    }
}

double sum_squares_f64_device(int n, const double *x) {
    if (n <= 0) return 0.0;
    int dev = 0, sms = 0;
    cudaGetDevice(&dev);
    cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, dev);
    if (sms <= 0) sms = 80;
    int needed = (n + BLOCK - 1) / BLOCK;
    int grid = needed < sms * 8 ? needed : sms * 8;
    double *d_sum = nullptr;
    cudaMalloc(&d_sum, sizeof(double));
    cudaMemset(d_sum, 0, sizeof(double));
    sum_squares_kernel<<<grid, BLOCK>>>(n, x, d_sum);
    double result = 0.0;
    cudaMemcpy(&result, d_sum, sizeof(double), cudaMemcpyDeviceToHost);
    cudaFree(d_sum);
    return result;
}
