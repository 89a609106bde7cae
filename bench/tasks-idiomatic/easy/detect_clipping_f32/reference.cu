// A run of at least 3 clipped samples exists exactly when some i >= 2 has x[i - 2], x[i - 1]
// and x[i] all clipped, so every position can be tested independently.
// Expert steps, in the order they were added:
//  1. thread mapping: thread i tests the three samples ending at i (|x| >= level) and, if
//     they are all clipped, sets a device flag (a plain store of 1: every writer stores the
//     same value), which the launcher returns.
//  2. warp vote: __any_sync combines the warp's 32 tests in one instruction and only lane 0
//     stores the flag, so a long clipped stretch costs one store per warp, not per sample.
#include <cuda_runtime.h>
#include <cstddef>

#define RUN_LEN 3

__global__ void clipping_kernel(size_t n, const float *__restrict__ x, float level, int *flag) {
    const size_t i = (size_t)blockIdx.x * blockDim.x + threadIdx.x;
    bool clipped = false;
    if (i + 1 >= RUN_LEN && i < n) {
        clipped = true;
        for (int k = 0; k < RUN_LEN; ++k) clipped = clipped && fabsf(x[i - k]) >= level;
    }
    if (__any_sync(0xffffffffu, clipped) && (threadIdx.x & 31) == 0) *flag = 1;
}

bool detect_clipping_f32_device(const float *x, size_t x_size, float level) {
    if (x_size < RUN_LEN) return false;
    int *d_flag = nullptr;
    cudaMalloc(&d_flag, sizeof(int));
    cudaMemset(d_flag, 0, sizeof(int));
    const unsigned blocks = (unsigned)((x_size + 255) / 256);
    clipping_kernel<<<blocks, 256>>>(x_size, x, level, d_flag);
    int flag = 0;
    cudaMemcpy(&flag, d_flag, sizeof(int), cudaMemcpyDeviceToHost);
    cudaFree(d_flag);
    return flag != 0;
}
