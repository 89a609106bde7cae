// The edges are sorted on the device (bitonic sort of a copy padded with +inf to a power of
// two), then every sample counts the sorted edges below it by binary search: that count is
// what std::lower_bound returns, whatever the order of equal edges.
// Expert steps, in the order they were added:
//  1. thread mapping: one thread per compare-exchange in each bitonic step, and one thread per
//     sample for the search.
//  2. kernel fusion: all the steps of a bitonic stage whose partner distance is below the
//     2048-element tile run in one kernel on the tile in shared memory (the whole sort of
//     the first log2(2048) stages, and the tail of every later stage), instead of one launch
//     and one pass over global memory per step.
//  3. shared memory caching: each search block first loads up to 1024 evenly spaced splitters
//     of the sorted edges into shared memory; a sample's binary search over them (shared-
//     memory latency) narrows it to one stretch of the sorted array between two splitters.
//  4. read-only cache: the last binary search inside that stretch reads the sorted edges
//     through __ldg (they are not written by the search kernel).
#include <cuda_runtime.h>
#include <cstddef>
#include <math.h>

#define SS_TILE 2048           // elements per shared-memory bitonic tile
#define SS_SPLITTERS 1024
#define SS_BLOCK 256

__global__ void pad_copy_kernel(size_t m, size_t p, const float *__restrict__ edges,
                                float *buf) {
    const size_t i = (size_t)blockIdx.x * blockDim.x + threadIdx.x;
    if (i < p) buf[i] = i < m ? edges[i] : INFINITY;
}

__device__ __forceinline__ void cmp_swap(float *s, unsigned i, unsigned j, bool asc) {
    const float a = s[i], b = s[j];
    if (asc ? (a > b) : (a < b)) {
        s[i] = b;
        s[j] = a;
    }
}

// Steps of stage k with partner distance j_start, j_start / 2, ..., 1 on one tile in shared
// memory (tile = min(p, SS_TILE) elements, blockDim.x = tile / 2). With full = 1 the tile runs
// every stage k = 2 .. tile itself (the initial sort of each tile).
__global__ void bitonic_tile_kernel(float *buf, unsigned tile, size_t k, int full) {
    extern __shared__ float s[];
    const size_t base = (size_t)blockIdx.x * tile;
    for (unsigned t = threadIdx.x; t < tile; t += blockDim.x) s[t] = buf[base + t];
    __syncthreads();
    const size_t k_first = full ? 2 : k, k_last = full ? tile : k;
    for (size_t kk = k_first; kk <= k_last; kk <<= 1) {
        const size_t j_first = full ? kk / 2 : (size_t)tile / 2;
        for (size_t j = j_first; j > 0; j >>= 1) {
            const unsigned t = threadIdx.x;  // one compare-exchange per thread
            const unsigned i = 2 * (unsigned)j * (t / (unsigned)j) + (t % (unsigned)j);
            const bool asc = ((base + i) & kk) == 0;
            cmp_swap(s, i, i + (unsigned)j, asc);
            __syncthreads();
        }
    }
    for (unsigned t = threadIdx.x; t < tile; t += blockDim.x) buf[base + t] = s[t];
}

// One step (partner distance j >= SS_TILE) of stage k over global memory.
__global__ void bitonic_global_step_kernel(float *buf, size_t p, size_t j, size_t k) {
    const size_t t = (size_t)blockIdx.x * blockDim.x + threadIdx.x;
    if (t >= p / 2) return;
    const size_t i = 2 * j * (t / j) + (t % j);
    const size_t l = i + j;
    const bool asc = (i & k) == 0;
    const float a = buf[i], b = buf[l];
    if (asc ? (a > b) : (a < b)) {
        buf[i] = b;
        buf[l] = a;
    }
}

__global__ void search_kernel(size_t nq, const float *__restrict__ x, size_t m,
                              const float *__restrict__ sorted, int *__restrict__ bin) {
    __shared__ float split[SS_SPLITTERS];
    const unsigned S = (unsigned)(m < SS_SPLITTERS ? m : SS_SPLITTERS);
    // splitter j is sorted[j * m / S]: strictly increasing positions, the first one 0.
    for (unsigned j = threadIdx.x; j < S; j += blockDim.x) split[j] = sorted[(size_t)j * m / S];
    __syncthreads();
    const size_t q = (size_t)blockIdx.x * blockDim.x + threadIdx.x;
    if (q >= nq) return;
    const float v = x[q];
    unsigned lo = 0, hi = S;  // J = number of splitters below v
    while (lo < hi) {
        const unsigned mid = (lo + hi) / 2;
        if (split[mid] < v) lo = mid + 1;
        else hi = mid;
    }
    const unsigned J = lo;
    if (J == 0) {  // sorted[0] >= v
        bin[q] = 0;
        return;
    }
    // The answer lies in (pos(J - 1), pos(J)] (pos(S) = m): lower_bound over that stretch.
    size_t a = (size_t)(J - 1) * m / S + 1;
    size_t b = J < S ? (size_t)J * m / S : m;
    while (a < b) {
        const size_t mid = a + (b - a) / 2;
        if (__ldg(&sorted[mid]) < v) a = mid + 1;
        else b = mid;
    }
    bin[q] = (int)a;
}

void searchsorted_f32_device(const float *edges, size_t edges_size, const float *x,
                             size_t x_size, int *bin, size_t bin_size) {
    const size_t m = edges_size;
    if (x_size == 0) return;
    if (m == 0) {
        cudaMemset(bin, 0, x_size * sizeof(int));
        return;
    }
    size_t p = 1;
    while (p < m) p <<= 1;
    float *buf = nullptr;
    cudaMalloc(&buf, p * sizeof(float));
    pad_copy_kernel<<<(unsigned)((p + 255) / 256), 256>>>(m, p, edges, buf);
    if (p > 1) {
        const unsigned tile = (unsigned)(p < SS_TILE ? p : SS_TILE);
        const unsigned tiles = (unsigned)(p / tile);
        bitonic_tile_kernel<<<tiles, tile / 2, tile * sizeof(float)>>>(buf, tile, 0, 1);
        for (size_t k = 2 * (size_t)tile; k <= p; k <<= 1) {
            for (size_t j = k / 2; j >= tile; j >>= 1) {
                const size_t pairs = p / 2;
                bitonic_global_step_kernel<<<(unsigned)((pairs + 255) / 256), 256>>>(buf, p, j, k);
            }
            bitonic_tile_kernel<<<tiles, tile / 2, tile * sizeof(float)>>>(buf, tile, k, 0);
        }
    }
    search_kernel<<<(unsigned)((x_size + SS_BLOCK - 1) / SS_BLOCK), SS_BLOCK>>>(x_size, x, m, buf,
                                                                               bin);
    cudaFree(buf);
}
