#include <math.h>

__global__ void sigmoid_kernel(int n, const float *x, float *y) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) y[i] = 1.0f / (1.0f + expf(-x[i]));
}

void sigmoid_f32_device(int n, const float *x, float *y) {
    if (n <= 0) return;
    int block = 256;
    sigmoid_kernel<<<(n + block - 1) / block, block>>>(n, x, y);
}
