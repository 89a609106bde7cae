// Pass 1 adds every x[i] to a double accumulator, a one-thread kernel turns it into the mean,
// pass 2 adds every squared deviation from that mean, a last one-thread kernel writes var.
// Accumulators are double, as in the sequential code.
__global__ void sum_kernel(int n, const float *x, double *acc) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) atomicAdd(acc, (double)x[i]);
}

__global__ void finish_mean_kernel(int n, const double *acc, float *mean) {
    *mean = (float)(acc[0] / n);
}

__global__ void deviation_kernel(int n, const float *x, const float *mean, double *acc) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) {
        float d = x[i] - *mean;
        atomicAdd(acc, (double)(d * d));
    }
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
    double *d_acc = nullptr;  // [0] sum of x, [1] sum of squared deviations
    cudaMalloc(&d_acc, 2 * sizeof(double));
    cudaMemset(d_acc, 0, 2 * sizeof(double));
    int block = 256;
    int grid = (n + block - 1) / block;
    sum_kernel<<<grid, block>>>(n, x, d_acc);
    finish_mean_kernel<<<1, 1>>>(n, d_acc, mean);
    deviation_kernel<<<grid, block>>>(n, x, mean, d_acc + 1);
    finish_var_kernel<<<1, 1>>>(n, d_acc + 1, var);
    cudaFree(d_acc);
}
