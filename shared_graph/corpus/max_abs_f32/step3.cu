#include <math.h>
#include <string.h>

// A machine-sized grid: each thread keeps a running maximum over a grid-stride loop, then
// the warp reduces with shuffles and lane 0 does one atomicMax.
__device__ __forceinline__ float warp_max(float v) {
    for (int offset = 16; offset > 0; offset >>= 1)
        v = fmaxf(v, __shfl_down_sync(0xffffffffu, v, offset));
    return v;
}

__global__ void max_abs_kernel(int n, const float *x, int *result_bits) {
    int stride = gridDim.x * blockDim.x;
    float v = 0.0f;
    for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += stride)
        v = fmaxf(v, fabsf(x[i]));
    v = warp_max(v);
    if ((threadIdx.x & 31) == 0) atomicMax(result_bits, __float_as_int(v));
}

float max_abs_f32_device(int n, const float *x) {
    if (n <= 0) return 0.0f;
    int block = 256;
    int dev = 0, sms = 0;
    cudaGetDevice(&dev);
    cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, dev);
    if (sms <= 0) sms = 80;
    int needed = (n + block - 1) / block;
    int grid = needed < sms * 8 ? needed : sms * 8;
    int *d_bits = nullptr;
    cudaMalloc(&d_bits, sizeof(int));
    cudaMemset(d_bits, 0, sizeof(int));  // bits of 0.0f
    max_abs_kernel<<<grid, block>>>(n, x, d_bits);
    int bits = 0;
    cudaMemcpy(&bits, d_bits, sizeof(int), cudaMemcpyDeviceToHost);
    cudaFree(d_bits);
    float result;
    memcpy(&result, &bits, sizeof(float));
    return result;
}
