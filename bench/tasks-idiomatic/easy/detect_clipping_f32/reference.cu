// A run of at least 3 clipped samples exists exactly when some i >= 2 has x[i - 2], x[i - 1]
// and x[i] all clipped, so every position can be tested independently; the answer is known as
// soon as any position passes, so the threads stop once one has.
// Expert steps, in the order they were added:
//  1. grid-stride loop: a fixed grid (a few blocks per SM) sweeps x from the start, one
//     position per thread and step; before each step a warp reads a device flag (lane 0 reads,
//     the value is broadcast, so the warp leaves together) and stops when it is set, so a
//     clipped run early in a long recording ends the kernel early, as the C++ loop returns.
//  2. warp vote: __any_sync combines the warp's 32 tests in one instruction and lane 0 sets
//     the flag (a plain store of 1: every writer stores the same value), which the launcher
//     returns.
#include <cuda_runtime.h>
#include <cstddef>

#define RUN_LEN 3
#define CLIP_BLOCK 256

__global__ void clipping_kernel(size_t n, const float *__restrict__ x, float level, int *flag) {
    const int lane = threadIdx.x & 31;
    const size_t stride = (size_t)gridDim.x * blockDim.x;
    for (size_t base = (size_t)blockIdx.x * blockDim.x + (threadIdx.x & ~31u); base < n;
         base += stride) {  // base is the same for the whole warp
        int stop = lane == 0 ? *(volatile int *)flag : 0;
        if (__shfl_sync(0xffffffffu, stop, 0)) return;
        const size_t i = base + lane;
        bool clipped = false;
        if (i + 1 >= RUN_LEN && i < n) {
            clipped = true;
            for (int k = 0; k < RUN_LEN; ++k) clipped = clipped && fabsf(x[i - k]) >= level;
        }
        if (__any_sync(0xffffffffu, clipped)) {
            if (lane == 0) *(volatile int *)flag = 1;
            return;
        }
    }
}

bool detect_clipping_f32_device(const float *x, size_t x_size, float level) {
    if (x_size < RUN_LEN) return false;
    int sms = 0;
    cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, 0);
    const size_t need = (x_size + CLIP_BLOCK - 1) / CLIP_BLOCK;
    unsigned blocks = (unsigned)(need < (size_t)4 * sms ? need : (size_t)4 * sms);
    if (blocks < 1) blocks = 1;
    int *d_flag = nullptr;
    cudaMalloc(&d_flag, sizeof(int));
    cudaMemset(d_flag, 0, sizeof(int));
    clipping_kernel<<<blocks, CLIP_BLOCK>>>(x_size, x, level, d_flag);
    int flag = 0;
    cudaMemcpy(&flag, d_flag, sizeof(int), cudaMemcpyDeviceToHost);
    cudaFree(d_flag);
    return flag != 0;
}
