// Expert steps, in the order they were added:
//  1. thread mapping: thread i (1 <= i < n) compares the sign bits of x[i - 1] and x[i]; the
//     pairs are counted into one 64-bit counter that the launcher returns.
//  2. warp vote reduction: the warp's 32 predicates are packed by __ballot_sync and counted by
//     __popc; lane 0 adds the warp's count with one atomicAdd (none when it is 0).
#include <cuda_runtime.h>
#include <cstddef>

__global__ void zero_crossings_kernel(size_t n, const float *__restrict__ x,
                                      unsigned long long *count) {
    const size_t i = (size_t)blockIdx.x * blockDim.x + threadIdx.x;
    bool change = false;
    if (i >= 1 && i < n) change = signbit(x[i - 1]) != signbit(x[i]);
    const unsigned c = __popc(__ballot_sync(0xffffffffu, change));
    if ((threadIdx.x & 31) == 0 && c) atomicAdd(count, (unsigned long long)c);
}

size_t zero_crossings_f32_device(const float *x, size_t x_size) {
    if (x_size < 2) return 0;
    unsigned long long *d_count = nullptr;
    cudaMalloc(&d_count, sizeof(unsigned long long));
    cudaMemset(d_count, 0, sizeof(unsigned long long));
    const unsigned blocks = (unsigned)((x_size + 255) / 256);
    zero_crossings_kernel<<<blocks, 256>>>(x_size, x, d_count);
    unsigned long long count = 0;
    cudaMemcpy(&count, d_count, sizeof(count), cudaMemcpyDeviceToHost);
    cudaFree(d_count);
    return (size_t)count;
}
