// Expert steps, in the order they were added:
//  1. thread mapping: thread t computes the window weight of sample t and scales it (same
//     double-precision weight as the C++ code: step = 2 pi / (n - 1) computed on the host, the
//     weight 0.5 (1 - cos(step i)) in double, rounded to float, times x[i]); a one-sample
//     frame takes the same branch as the C++ code (the weight would be 0/0).
//  2. vectorized memory access: four samples per thread through one float4 load and store
//     (device buffers are 16-byte aligned, which the launcher checks); a scalar kernel does
//     the last n % 4 (or everything, were a buffer not aligned).
#include <cuda_runtime.h>
#include <cstddef>
#include <vector>

#define HANN_BLOCK 256

__device__ __forceinline__ float hann_scale(double step, size_t i, float v) {
    const double w = 0.5 * (1.0 - cos(step * (double)i));
    return (float)w * v;
}

__global__ void hann_vec4_kernel(size_t n4, double step, const float4 *__restrict__ x,
                                 float4 *__restrict__ y) {
    size_t t = (size_t)blockIdx.x * blockDim.x + threadIdx.x;
    if (t >= n4) return;
    float4 v = x[t];
    size_t i = 4 * t;
    y[t] = make_float4(hann_scale(step, i, v.x), hann_scale(step, i + 1, v.y),
                       hann_scale(step, i + 2, v.z), hann_scale(step, i + 3, v.w));
}

__global__ void hann_scalar_kernel(size_t start, size_t n, double step,
                                   const float *__restrict__ x, float *__restrict__ y) {
    size_t i = start + (size_t)blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) y[i] = hann_scale(step, i, x[i]);
}

void hann_window_f32_device(const float *x, size_t x_size, float *y, size_t y_size) {
    const size_t n = x_size;
    if (n == 0) return;
    if (n == 1) {
        cudaMemcpy(y, x, sizeof(float), cudaMemcpyDeviceToDevice);
        return;
    }
    const double step = 2.0 * 3.14159265358979323846 / (double)(n - 1);
    const bool aligned = ((size_t)x % 16 == 0) && ((size_t)y % 16 == 0);
    const size_t n4 = aligned ? n / 4 : 0;
    if (n4 > 0) {
        unsigned blocks = (unsigned)((n4 + HANN_BLOCK - 1) / HANN_BLOCK);
        hann_vec4_kernel<<<blocks, HANN_BLOCK>>>(n4, step, (const float4 *)x, (float4 *)y);
    }
    const size_t rest = n - 4 * n4;
    if (rest > 0)
        hann_scalar_kernel<<<(unsigned)((rest + HANN_BLOCK - 1) / HANN_BLOCK), HANN_BLOCK>>>(
            4 * n4, n, step, x, y);
}
