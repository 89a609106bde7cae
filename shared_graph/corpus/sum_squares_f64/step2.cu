// Each block sums its 256 squares with a tree in shared memory; one atomicAdd per block.
#define BLOCK 256

__global__ void sum_squares_kernel(int n, const double *x, double *sum) {
    __shared__ double s[BLOCK];
    int i = blockIdx.x * BLOCK + threadIdx.x;
    s[threadIdx.x] = (i < n) ? x[i] * x[i] : 0.0;
    __syncthreads();
    for (int half = BLOCK / 2; half > 0; half >>= 1) {
        if (threadIdx.x < half) s[threadIdx.x] += s[threadIdx.x + half];
        __syncthreads();
    }
    if (threadIdx.x == 0) atomicAdd(sum, s[0]);
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
