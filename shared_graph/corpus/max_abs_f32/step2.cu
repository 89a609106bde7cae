#include <math.h>
#include <string.h>

// Each warp finds its maximum with shuffles first; only lane 0 does the atomicMax.
__device__ __forceinline__ float warp_max(float v) {
    for (int offset = 16; offset > 0; offset >>= 1)
        v = fmaxf(v, __shfl_down_sync(0xffffffffu, v, offset));
    return v;
}

__global__ void max_abs_kernel(int n, const float *x, int *result_bits) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    float v = (i < n) ? fabsf(x[i]) : 0.0f;  // 0 is neutral: the result is at least 0
    v = warp_max(v);
    if ((threadIdx.x & 31) == 0) atomicMax(result_bits, __float_as_int(v));
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
