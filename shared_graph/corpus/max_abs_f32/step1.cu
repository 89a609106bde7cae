#include <math.h>
#include <string.h>

// For non-negative floats the IEEE bit patterns, read as ints, order like the floats, so an
// integer atomicMax on the bits computes the float maximum. The accumulator starts at 0.0f.
__global__ void max_abs_kernel(int n, const float *x, int *result_bits) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) atomicMax(result_bits, __float_as_int(fabsf(x[i])));
}

float max_abs_f32_device(int n, const float *x) {
    if (n <= 0) return 0.0f;
    int *d_bits = nullptr;
    cudaMalloc(&d_bits, sizeof(int));
    cudaMemset(d_bits, 0, sizeof(int));  // bits of 0.0f
    int block = 256;
    max_abs_kernel<<<(n + block - 1) / block, block>>>(n, x, d_bits);
    int bits = 0;
    cudaMemcpy(&bits, d_bits, sizeof(int), cudaMemcpyDeviceToHost);
    cudaFree(d_bits);
    float result;
    memcpy(&result, &bits, sizeof(float));
    return result;
}
