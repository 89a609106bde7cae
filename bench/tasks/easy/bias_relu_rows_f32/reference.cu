// Column index on threadIdx.x (consecutive threads, consecutive addresses), row on y.
__global__ void bias_relu_kernel(int n, int m, const float *__restrict__ x,
                                 const float *__restrict__ b, float *__restrict__ y) {
    int j = blockIdx.x * blockDim.x + threadIdx.x;
    int i = blockIdx.y * blockDim.y + threadIdx.y;
    if (i >= n || j >= m) return;
    size_t k = (size_t)i * m + j;
    float v = x[k] + b[j];
    y[k] = v > 0.0f ? v : 0.0f;
}

void bias_relu_rows_f32_device(int n, int m, const float *x, const float *b, float *y) {
    if (n <= 0 || m <= 0) return;
    dim3 block(32, 8);
    dim3 grid((m + 31) / 32, (n + 7) / 8);
    bias_relu_kernel<<<grid, block>>>(n, m, x, b, y);
}
