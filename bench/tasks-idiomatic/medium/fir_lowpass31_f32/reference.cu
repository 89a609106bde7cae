// Expert steps, in the order they were added:
//  1. thread mapping: thread n computes output n, summing h[k] x[n - k] for k = 0 .. 30 in the
//     C++ code's order (samples before the start count as 0, which adds exact zeros).
//  2. constant memory: the 31 taps live in __constant__ memory; all lanes read tap k at the
//     same time, a broadcast from the constant cache.
//  3. shared memory tiling: a block stages its 256 samples plus the 30 before them in shared
//     memory once (zeros before x[0]), and the threads read their 31 samples from there
//     instead of 31 global loads each.
//  4. loop unrolling: the tap count is a compile-time constant and the tap loop unrolls fully,
//     every tap becoming a constant-bank operand of an FMA.
#include <cuda_runtime.h>
#include <cstddef>

#define FIR_TAPS 31
#define FIR_BLOCK 256

__constant__ float c_fir_taps[FIR_TAPS] = {
    0.000000000e+00f,  1.201426376e-03f,  2.784327848e-03f,  4.227316085e-03f,
    3.942763413e-03f,  0.000000000e+00f, -8.256777293e-03f, -1.858321013e-02f,
    -2.538982044e-02f, -2.123530870e-02f, 0.000000000e+00f,  3.958811257e-02f,
    9.188887702e-02f,  1.450990810e-01f,  1.849028786e-01f,  1.996606673e-01f,
    1.849028786e-01f,  1.450990810e-01f,  9.188887702e-02f,  3.958811257e-02f,
    0.000000000e+00f, -2.123530870e-02f, -2.538982044e-02f, -1.858321013e-02f,
    -8.256777293e-03f, 0.000000000e+00f,  3.942763413e-03f,  4.227316085e-03f,
    2.784327848e-03f,  1.201426376e-03f,  0.000000000e+00f};

__global__ void fir_tile_kernel(size_t n, const float *__restrict__ x, float *__restrict__ y) {
    __shared__ float tile[FIR_BLOCK + FIR_TAPS - 1];
    const size_t start = (size_t)blockIdx.x * FIR_BLOCK;
    // tile[j] holds x[start - (FIR_TAPS - 1) + j], 0 outside the signal.
    for (int j = threadIdx.x; j < FIR_BLOCK + FIR_TAPS - 1; j += FIR_BLOCK) {
        const long long src = (long long)start - (FIR_TAPS - 1) + j;
        tile[j] = (src >= 0 && (size_t)src < n) ? x[src] : 0.0f;
    }
    __syncthreads();
    const size_t i = start + threadIdx.x;
    if (i >= n) return;
    const float *window = tile + threadIdx.x + (FIR_TAPS - 1);  // window[-k] = x[i - k]
    float acc = 0.0f;
#pragma unroll
    for (int k = 0; k < FIR_TAPS; ++k) acc += c_fir_taps[k] * window[-k];
    y[i] = acc;
}

void fir_lowpass31_f32_device(const float *x, float *y, size_t count) {
    if (count == 0) return;
    const unsigned blocks = (unsigned)((count + FIR_BLOCK - 1) / FIR_BLOCK);
    fir_tile_kernel<<<blocks, FIR_BLOCK>>>(count, x, y);
}
