#include <math.h>

// Pass 1: each block reduces a grid-stride share of x to one (min, max) pair (warp shuffles,
// then the warps' pairs through shared memory) and stores it in a partials array. Pass 2: one
// block reduces the partials the same way. No atomics: min and max are exact either way.
#define BLOCK 256
#define MAX_BLOCKS 1024

__device__ __forceinline__ void warp_minmax(float &lo, float &hi) {
    for (int o = 16; o > 0; o >>= 1) {
        lo = fminf(lo, __shfl_down_sync(0xffffffffu, lo, o));
        hi = fmaxf(hi, __shfl_down_sync(0xffffffffu, hi, o));
    }
}

__device__ void block_minmax(float lo, float hi, float *out_lo, float *out_hi) {
    __shared__ float s_lo[BLOCK / 32], s_hi[BLOCK / 32];
    warp_minmax(lo, hi);
    int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
    if (lane == 0) { s_lo[warp] = lo; s_hi[warp] = hi; }
    __syncthreads();
    if (warp == 0) {
        lo = lane < BLOCK / 32 ? s_lo[lane] : INFINITY;
        hi = lane < BLOCK / 32 ? s_hi[lane] : -INFINITY;
        warp_minmax(lo, hi);
        if (lane == 0) { *out_lo = lo; *out_hi = hi; }
    }
}

__global__ void minmax_partial_kernel(int n, const float *__restrict__ x, float *part_lo,
                                      float *part_hi) {
    float lo = INFINITY, hi = -INFINITY;
    for (int i = blockIdx.x * BLOCK + threadIdx.x; i < n; i += gridDim.x * BLOCK) {
        float v = x[i];
        lo = fminf(lo, v);
        hi = fmaxf(hi, v);
    }
    block_minmax(lo, hi, part_lo + blockIdx.x, part_hi + blockIdx.x);
}

__global__ void minmax_final_kernel(int parts, const float *part_lo, const float *part_hi,
                                    float *out) {
    float lo = INFINITY, hi = -INFINITY;
    for (int i = threadIdx.x; i < parts; i += BLOCK) {
        lo = fminf(lo, part_lo[i]);
        hi = fmaxf(hi, part_hi[i]);
    }
    block_minmax(lo, hi, out, out + 1);
}

void minmax_f32_device(int n, const float *x, float *out) {
    int blocks = (n + BLOCK - 1) / BLOCK;
    if (blocks > MAX_BLOCKS) blocks = MAX_BLOCKS;
    if (blocks < 1) blocks = 1;
    float *parts = nullptr;
    cudaMalloc(&parts, 2 * sizeof(float) * blocks);
    minmax_partial_kernel<<<blocks, BLOCK>>>(n, x, parts, parts + blocks);
    minmax_final_kernel<<<1, BLOCK>>>(blocks, parts, parts + blocks, out);
    cudaFree(parts);
}
