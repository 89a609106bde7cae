__global__ void axpby_kernel(int n, float a, const float *x, float b, const float *y, float *z) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) z[i] = a * x[i] + b * y[i];
}

void axpby_f32_device(int n, float a, const float *x, float b, const float *y, float *z) {
    if (n <= 0) return;
    int block = 256;
    axpby_kernel<<<(n + block - 1) / block, block>>>(n, a, x, b, y, z);
}
