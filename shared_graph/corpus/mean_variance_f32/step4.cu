// The one-thread finishing kernels are folded into the reductions: the last block to finish
// (found with a ticket counter after a __threadfence) reads the complete double total and
// writes mean (pass 1) or var (pass 2). Two launches instead of four.
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

// Called by thread 0 of every block with the block's total: adds it, and the block that
// arrives last writes (float)(total / n) to *out.
__device__ __forceinline__ void add_and_finish(float v, int n, double *acc,
                                               unsigned int *ticket, float *out) {
    atomicAdd(acc, (double)v);
    __threadfence();  // the addition is visible device-wide before the ticket is taken
    unsigned int done = atomicAdd(ticket, 1u);
    if (done == gridDim.x - 1) {
        double total = atomicAdd(acc, 0.0);  // a coherent read of the finished sum
        *out = (float)(total / n);
    }
}

__global__ void mean_kernel(int n, const float *x, double *acc, unsigned int *ticket,
                            float *mean) {
    int stride = gridDim.x * BLOCK;
    float v = 0.0f;
    for (int i = blockIdx.x * BLOCK + threadIdx.x; i < n; i += stride) v += x[i];
    v = block_sum(v);
    if (threadIdx.x == 0) add_and_finish(v, n, acc, ticket, mean);
}

__global__ void var_kernel(int n, const float *x, const float *mean, double *acc,
                           unsigned int *ticket, float *var) {
    int stride = gridDim.x * BLOCK;
    float m = *mean;
    float v = 0.0f;
    for (int i = blockIdx.x * BLOCK + threadIdx.x; i < n; i += stride) {
        float d = x[i] - m;
        v += d * d;
    }
    v = block_sum(v);
    if (threadIdx.x == 0) add_and_finish(v, n, acc, ticket, var);
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
    // [0] sum of x, [1] sum of squared deviations, then two unsigned ticket counters
    double *d_buf = nullptr;
    cudaMalloc(&d_buf, 3 * sizeof(double));
    cudaMemset(d_buf, 0, 3 * sizeof(double));
    unsigned int *tickets = (unsigned int *)(d_buf + 2);
    mean_kernel<<<grid, BLOCK>>>(n, x, d_buf, tickets, mean);
    var_kernel<<<grid, BLOCK>>>(n, x, mean, d_buf + 1, tickets + 1, var);
    cudaFree(d_buf);
}
