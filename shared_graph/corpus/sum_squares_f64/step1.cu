__global__ void sum_squares_kernel(int n, const double *x, double *sum) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) atomicAdd(sum, x[i] * x[i]);
}

double sum_squares_f64_device(int n, const double *x) {
    if (n <= 0) return 0.0;
    double *d_sum = nullptr;
    cudaMalloc(&d_sum, sizeof(double));
    cudaMemset(d_sum, 0, sizeof(double));
    int block = 256;
    sum_squares_kernel<<<(n + block - 1) / block, block>>>(n, x, d_sum);
    double result = 0.0;
    cudaMemcpy(&result, d_sum, sizeof(double), cudaMemcpyDeviceToHost);
    cudaFree(d_sum);
    return result;
}
