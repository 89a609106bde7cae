// Inclusive scan of x^2 in float, then division by the total (the scan's last element).
// Expert steps, in the order they were added:
//  1. warp shuffle scan: a block scans its tile of SCAN_ITEMS x 256 squares: each thread scans
//     its own SCAN_ITEMS consecutive values in registers, the 256 thread totals are scanned with
//     __shfl_up_sync inside each warp and the 8 warp totals through one small shared array.
//  2. hierarchical multi-block scan: pass 1 writes every tile's local scan to c and its total
//     to a tile-totals array; pass 2 (one block looping with a carry) scans the tile totals
//     exclusively and records the grand total; pass 3 adds each tile's offset.
//  3. kernel fusion: the squaring is done while loading in pass 1 (no array of squares), and
//     the normalisation by the grand total is fused into pass 3's offset addition (no fourth
//     pass); a zero total leaves the squares' scan (all zeros), as the C++ code does.
#include <cuda_runtime.h>
#include <cstddef>

#define SCAN_BLOCK 256
#define SCAN_ITEMS 8
#define SCAN_TILE (SCAN_BLOCK * SCAN_ITEMS)

// Inclusive scan of one float per thread over the block; returns the thread's inclusive
// value and sets total (all threads call it; blockDim.x == SCAN_BLOCK).
__device__ float block_inclusive_scan(float v, float &total) {
    __shared__ float warp_tot[SCAN_BLOCK / 32];
    const int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
    for (int o = 1; o < 32; o <<= 1) {
        const float u = __shfl_up_sync(0xffffffffu, v, o);
        if (lane >= o) v += u;
    }
    if (lane == 31) warp_tot[warp] = v;
    __syncthreads();
    if (warp == 0) {
        float w = lane < SCAN_BLOCK / 32 ? warp_tot[lane] : 0.0f;
        for (int o = 1; o < 32; o <<= 1) {
            const float u = __shfl_up_sync(0xffffffffu, w, o);
            if (lane >= o) w += u;
        }
        if (lane < SCAN_BLOCK / 32) warp_tot[lane] = w;
    }
    __syncthreads();
    if (warp > 0) v += warp_tot[warp - 1];
    total = warp_tot[SCAN_BLOCK / 32 - 1];
    __syncthreads();  // warp_tot is reused by the next call
    return v;
}

__global__ void tile_scan_kernel(size_t n, const float *__restrict__ x, float *c,
                                 float *tile_totals) {
    const size_t base = (size_t)blockIdx.x * SCAN_TILE + (size_t)threadIdx.x * SCAN_ITEMS;
    float v[SCAN_ITEMS];
    float run = 0.0f;
#pragma unroll
    for (int k = 0; k < SCAN_ITEMS; ++k) {
        const size_t i = base + k;
        const float a = i < n ? x[i] : 0.0f;
        run += a * a;
        v[k] = run;
    }
    float total;
    const float incl = block_inclusive_scan(run, total);
    const float before = incl - run;
#pragma unroll
    for (int k = 0; k < SCAN_ITEMS; ++k) {
        const size_t i = base + k;
        if (i < n) c[i] = before + v[k];
    }
    if (threadIdx.x == 0) tile_totals[blockIdx.x] = total;
}

// One block: tile_totals becomes its exclusive scan; *grand = the sum of all tiles.
__global__ void totals_scan_kernel(size_t tiles, float *tile_totals, float *grand) {
    float carry = 0.0f;
    for (size_t b = 0; b < tiles; b += SCAN_BLOCK) {
        const size_t t = b + threadIdx.x;
        const float v = t < tiles ? tile_totals[t] : 0.0f;
        float total;
        const float incl = block_inclusive_scan(v, total);
        if (t < tiles) tile_totals[t] = carry + incl - v;
        carry += total;
    }
    if (threadIdx.x == 0) *grand = carry;
}

__global__ void offset_normalise_kernel(size_t n, float *c, const float *tile_offsets,
                                        const float *grand) {
    const size_t i = (size_t)blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    const float total = *grand;
    const float v = c[i] + tile_offsets[i / SCAN_TILE];
    c[i] = total == 0.0f ? v : v / total;
}

void cumulative_energy_f32_device(const float *x, size_t x_size, float *c, size_t c_size) {
    const size_t n = x_size;
    if (n == 0) return;
    const size_t tiles = (n + SCAN_TILE - 1) / SCAN_TILE;
    float *work = nullptr;  // tiles totals, then the grand total
    cudaMalloc(&work, (tiles + 1) * sizeof(float));
    tile_scan_kernel<<<(unsigned)tiles, SCAN_BLOCK>>>(n, x, c, work);
    totals_scan_kernel<<<1, SCAN_BLOCK>>>(tiles, work, work + tiles);
    offset_normalise_kernel<<<(unsigned)((n + 255) / 256), 256>>>(n, c, work, work + tiles);
    cudaFree(work);
}
