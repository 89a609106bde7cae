// Warps reduce with __shfl_down_sync; only the 8 warp sums go through shared memory.
#define BLOCK 256
#define WARPS (BLOCK / 32)

__device__ __forceinline__ double warp_sum(double v) {
    for (int offset = 16; offset > 0; offset >>= 1) v += __shfl_down_sync(0xffffffffu, v, offset);
    return v;
}

__global__ void sum_squares_kernel(int n, const double *x, double *sum) {
    __shared__ double warp_sums[WARPS];
    int i = blockIdx.x * BLOCK + threadIdx.x;
    int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
    double v = (i < n) ? x[i] * x[i] : 0.0;
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
    double *d_sum = nullptr;
    cudaMalloc(&d_sum, sizeof(double));
    cudaMemset(d_sum, 0, sizeof(double));
    sum_squares_kernel<<<(n + BLOCK - 1) / BLOCK, BLOCK>>>(n, x, d_sum);
    double result = 0.0;
    cudaMemcpy(&result, d_sum, sizeof(double), cudaMemcpyDeviceToHost);
    cudaFree(d_sum);
    return result;
}
