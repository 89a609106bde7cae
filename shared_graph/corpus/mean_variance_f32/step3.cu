// A machine-sized grid: each thread accumulates its share of both passes in a register over
// a grid-stride loop before the block reduction and the one atomic per block.
#define BLOCK 256
#define WARPS (BLOCK / 32)

__device__ __forceinline__ float warp_sum(float v) {
    for (int offset = 16; offset > 0; offset >>= 1) v += __shfl_down_sync(0xffffffffu, v, offset);
    return v;
}

// Sum of v over the block; the result is valid in thread 0. All threads must call it.
__device__ __forceinline__ float block_sum(float v) {
    __shared__ float warp_sums[WARPS];
    int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
    v = warp_sum(v);
    if (lane == 0) warp_sums[warp] = v;
    __syncthreads();
    v = 0.0f;
    if (warp == 0) {
        v = (lane < WARPS) ? warp_sums[lane] : 0.0f;
        v = warp_sum(v);
    }
    return v;
}

__global__ void sum_kernel(int n, const float *x, double *acc) {
    int stride = gridDim.x * BLOCK;
    float v = 0.0f;
    for (int i = blockIdx.x * BLOCK + threadIdx.x; i < n; i += stride) v += x[i];
    v = block_sum(v);
    if (threadIdx.x == 0) atomicAdd(acc, (double)v);
}

__global__ void finish_mean_kernel(int n, const double *acc, float *mean) {
    *mean = (float)(acc[0] / n);
}

__global__ void deviation_kernel(int n, const float *x, const float *mean, double *acc) {
    int stride = gridDim.x * BLOCK;
    float m = *mean;
    float v = 0.0f;
    for (int i = blockIdx.x * BLOCK + threadIdx.x; i < n; i += stride) {
        float d = x[i] - m;
        v += d * d;
    }
    v = block_sum(v);
    if (threadIdx.x == 0) atomicAdd(acc, (double)v);
}

__global__ void finish_var_kernel(int n, const double *acc, float *var) {
    *var = (float)(acc[0] / n);
}

__global__ void empty_input_kernel(float *mean, float *var) {
    *mean = __int_as_float(0x7fc00000);  // NaN, like 0.0 / 0 in the sequential code
    *var = __int_as_float(0x7fc00000);
}

void mean_variance_f32_device(int n, const float *x, float *mean, float *var) {
    if (n <= 0) {
        empty_input_kernel<<<1, 1>>>(mean, var);
        return;
    }
    int dev = 0, sms = 0;
    cudaGetDevice(&dev);
    cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, dev);
    if (sms <= 0) sms = 80;
    int needed = (n + BLOCK - 1) / BLOCK;
    int grid = needed < sms * 8 ? needed : sms * 8;
    double *d_acc = nullptr;  // [0] sum of x, [1] sum of squared deviations
    cudaMalloc(&d_acc, 2 * sizeof(double));
    cudaMemset(d_acc, 0, 2 * sizeof(double));
    sum_kernel<<<grid, BLOCK>>>(n, x, d_acc);
    finish_mean_kernel<<<1, 1>>>(n, d_acc, mean);
    deviation_kernel<<<grid, BLOCK>>>(n, x, mean, d_acc + 1);
    finish_var_kernel<<<1, 1>>>(n, d_acc + 1, var);
    cudaFree(d_acc);
}
