// Expert steps, in the order they were added:
//  1. thread mapping: thread t rotates sample t by the phase w * t, with w = -2 pi freq
//     computed in float on the host exactly as the C++ code does, so that every thread feeds
//     sincosf the same float phase as std::polar gets (accurate sincosf: the phase reaches
//     about 3e5 radians); (a + bi)(c + si) = (ac - bs) + (as + bc) i.
//  2. vectorized memory access: two complex samples (8 bytes each) per thread through one
//     float4 load and store (device buffers are 16-byte aligned, which the launcher checks);
//     an odd length's last sample takes a scalar path in the same kernel.
#include <cuda_runtime.h>
#include <cuComplex.h>
#include <cstddef>

#define MIX_BLOCK 256

__device__ __forceinline__ void rotate(float &re, float &im, float phase) {
    float s, c;
    sincosf(phase, &s, &c);
    const float a = re, b = im;
    re = a * c - b * s;
    im = a * s + b * c;
}

__global__ void mix_down_pairs_kernel(size_t n, float w, cuFloatComplex *z, int vec) {
    const size_t t = (size_t)blockIdx.x * blockDim.x + threadIdx.x;
    const size_t i = 2 * t;
    if (vec && i + 1 < n) {
        float4 v = reinterpret_cast<float4 *>(z)[t];
        rotate(v.x, v.y, w * (float)i);
        rotate(v.z, v.w, w * (float)(i + 1));
        reinterpret_cast<float4 *>(z)[t] = v;
    } else {
        for (size_t j = i; j < i + 2 && j < n; ++j) {
            cuFloatComplex v = z[j];
            rotate(v.x, v.y, w * (float)j);
            z[j] = v;
        }
    }
}

void mix_down_c32_device(cuFloatComplex *z, size_t z_size, float freq) {
    if (z_size == 0) return;
    const float w = -6.28318530717958647692f * freq;
    const size_t pairs = (z_size + 1) / 2;
    const unsigned blocks = (unsigned)((pairs + MIX_BLOCK - 1) / MIX_BLOCK);
    const int vec = ((size_t)z % 16) == 0;
    mix_down_pairs_kernel<<<blocks, MIX_BLOCK>>>(z_size, w, z, vec);
}
