// Grid-stride partial sums per thread (the grid sized to the device), a warp-shuffle
// reduction inside each warp, the 8 warp sums through shared memory, and one atomicAdd per
// block into the result.
#define BLOCK 256

__device__ __forceinline__ double warp_sum(double v) {
    for (int o = 16; o > 0; o >>= 1) v += __shfl_down_sync(0xffffffffu, v, o);
    return v;
}

__global__ void wdot_kernel(int n, const double *__restrict__ w, const double *__restrict__ x,
                            const double *__restrict__ y, double *result) {
    __shared__ double warp_sums[BLOCK / 32];
    double s = 0.0;
    for (int i = blockIdx.x * BLOCK + threadIdx.x; i < n; i += gridDim.x * BLOCK)
        s += w[i] * x[i] * y[i];
    s = warp_sum(s);
    int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
    if (lane == 0) warp_sums[warp] = s;
    __syncthreads();
    if (warp == 0) {
        s = lane < BLOCK / 32 ? warp_sums[lane] : 0.0;
        s = warp_sum(s);
        if (lane == 0) atomicAdd(result, s);
    }
}

double weighted_dot_f64_device(int n, const double *w, const double *x, const double *y) {
    if (n <= 0) return 0.0;
    double *d_result = nullptr;
    cudaMalloc(&d_result, sizeof(double));
    cudaMemset(d_result, 0, sizeof(double));
    int sms = 0;
    cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, 0);
    int blocks = (n + BLOCK - 1) / BLOCK;
    if (blocks > sms * 4) blocks = sms * 4;
    wdot_kernel<<<blocks, BLOCK>>>(n, w, x, y, d_result);
    double result = 0.0;
    cudaMemcpy(&result, d_result, sizeof(double), cudaMemcpyDeviceToHost);
    cudaFree(d_result);
    return result;
}
