// Expert steps, in the order they were added:
//  1. thread mapping: thread i evaluates Phi(x[i]) with the same formula as the C++ code
//     (erf by Abramowitz & Stegun 7.1.26: sign, t = 1 / (1 + p |z|), the Horner loop over the
//     five coefficients, 1 - poly t exp(-z^2)), in float with the accurate expf.
//  2. constant memory: the five coefficients live in __constant__ memory; every lane of a warp
//     reads the same coefficient at the same time, which the constant cache broadcasts (the
//     Horner loop is unrolled, so each coefficient is one constant-bank operand).
#include <cuda_runtime.h>
#include <cstddef>

__constant__ float c_erf_coef[5] = {0.254829592f, -0.284496736f, 1.421413741f, -1.453152027f,
                                    1.061405429f};

__device__ __forceinline__ float erf_as_dev(float z) {
    const float sign = copysignf(1.0f, z);
    const float a = fabsf(z);
    const float t = 1.0f / (1.0f + 0.3275911f * a);
    float poly = 0.0f;
#pragma unroll
    for (int k = 4; k >= 0; --k) poly = poly * t + c_erf_coef[k];
    return sign * (1.0f - poly * t * expf(-a * a));
}

__global__ void normal_cdf_kernel(size_t n, const float *__restrict__ x, float *__restrict__ p) {
    const size_t i = (size_t)blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    p[i] = 0.5f * (1.0f + erf_as_dev(x[i] * 0.70710678118654752f));
}

void normal_cdf_as_f32_device(const float *x, size_t x_size, float *p, size_t p_size) {
    if (x_size == 0) return;
    const unsigned blocks = (unsigned)((x_size + 255) / 256);
    normal_cdf_kernel<<<blocks, 256>>>(x_size, x, p);
}
