__global__ void count_above_kernel(int n, const float *x, float threshold, int *count) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n && x[i] > threshold) atomicAdd(count, 1);
}

int count_above_f32_device(int n, const float *x, float threshold) {
    if (n <= 0) return 0;
    int *d_count = nullptr;
    cudaMalloc(&d_count, sizeof(int));
    cudaMemset(d_count, 0, sizeof(int));
    int block = 256;
    count_above_kernel<<<(n + block - 1) / block, block>>>(n, x, threshold, d_count);
    int result = 0;
    cudaMemcpy(&result, d_count, sizeof(int), cudaMemcpyDeviceToHost);
    cudaFree(d_count);
    return result;
}
