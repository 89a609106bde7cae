// Two passes over x: the peak magnitude, then the first index at or above fraction * peak.
// Expert steps, in the order they were added:
//  1. grid-stride loop: a fixed grid (a few blocks per SM) strides over x in both passes; each
//     thread keeps its running maximum of |x| (pass 1) or its first hit (pass 2) in a register.
//     In pass 2 a thread stops as soon as its index passes the best hit found so far.
//  2. atomic accumulation: the per-thread results are combined with one atomic per warp after
//     a warp-level pre-reduction (__reduce_max_sync / __reduce_min_sync): the peak as the bits
//     of a non-negative float (whose unsigned order is the float order) with atomicMax, the
//     first index with atomicMin. The level fraction * peak is formed on the device in float,
//     as the C++ code does; the peak sample itself qualifies, so some index always does.
#include <cuda_runtime.h>
#include <cstddef>

#define ONSET_BLOCK 256

__global__ void peak_kernel(size_t n, const float *__restrict__ x, unsigned *peak_bits) {
    unsigned m = 0u;  // bits of +0.0f
    const size_t stride = (size_t)gridDim.x * blockDim.x;
    for (size_t i = (size_t)blockIdx.x * blockDim.x + threadIdx.x; i < n; i += stride)
        m = max(m, __float_as_uint(fabsf(x[i])));
    m = __reduce_max_sync(0xffffffffu, m);
    if ((threadIdx.x & 31) == 0 && m != 0u) atomicMax(peak_bits, m);
}

__global__ void first_hit_kernel(size_t n, const float *__restrict__ x, float fraction,
                                 const unsigned *peak_bits, unsigned *first) {
    const float level = fraction * __uint_as_float(*peak_bits);
    unsigned hit = 0xffffffffu;
    const size_t stride = (size_t)gridDim.x * blockDim.x;
    for (size_t i = (size_t)blockIdx.x * blockDim.x + threadIdx.x; i < n; i += stride) {
        if (i > *(volatile unsigned *)first) break;  // an earlier hit is known already
        if (fabsf(x[i]) >= level) {
            hit = (unsigned)i;
            break;
        }
    }
    // The loop may end at different trips per lane: reconverge before the warp reduction.
    __syncwarp();
    hit = __reduce_min_sync(0xffffffffu, hit);
    if ((threadIdx.x & 31) == 0 && hit != 0xffffffffu) atomicMin(first, hit);
}

size_t onset_index_f32_device(const float *x, size_t x_size, float fraction) {
    if (x_size == 0) return 0;
    int sms = 0;
    cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, 0);
    size_t need = (x_size + ONSET_BLOCK - 1) / ONSET_BLOCK;
    unsigned blocks = (unsigned)(need < (size_t)4 * sms ? need : (size_t)4 * sms);
    if (blocks < 1) blocks = 1;

    unsigned *d = nullptr;  // d[0]: peak bits, d[1]: first index
    cudaMalloc(&d, 2 * sizeof(unsigned));
    const unsigned init[2] = {0u, 0xffffffffu};
    cudaMemcpy(d, init, sizeof(init), cudaMemcpyHostToDevice);
    peak_kernel<<<blocks, ONSET_BLOCK>>>(x_size, x, d);
    first_hit_kernel<<<blocks, ONSET_BLOCK>>>(x_size, x, fraction, d, d + 1);
    unsigned out[2];
    cudaMemcpy(out, d, sizeof(out), cudaMemcpyDeviceToHost);
    cudaFree(d);
    if (out[0] == 0u) return x_size;  // silent trace
    return (size_t)out[1];
}
