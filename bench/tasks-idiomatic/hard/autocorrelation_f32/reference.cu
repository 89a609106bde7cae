// Lag sums in double (a float product of two floats is exact in double), accumulated over a
// 2D grid of (sample chunk, lag tile) blocks; a last kernel divides by the energy.
// Expert steps, in the order they were added:
//  1. 2D thread mapping: blockIdx.x takes a chunk of 1024 samples n, blockIdx.y a tile of 64
//     lags k; the (n, k) products of a block are independent of the other blocks'.
//  2. shared memory tiling: a block stages x[n0 .. n0 + 1024) and x[n0 + k0 .. n0 + k0 + 1088)
//     in shared memory (zeros past N, which also drop the terms with n + k >= N), and all its
//     products read from there: each sample is reused by 64 lags.
//  3. register tiling: a thread owns 4 consecutive lags in double registers and, for each of
//     its samples, multiplies the one x[n] it loads by the 4 partners x[n + k].
//  4. warp shuffle reduction: the 16 sample phases of a lag group are summed, first the two of
//     a warp with __shfl_xor_sync(16);
//  5. shared memory reduction: then the 8 warps' sums through shared memory, 64 lags at once.
//  6. atomic accumulation: each block adds its 64 lag sums to the global double sums with one
//     atomicAdd each (the chunks of a lag tile meet there).
//  7. kernel fusion: the energy sum_n x[n]^2 (float products added in double, as
//     std::inner_product with a double init does) is computed by the lag-tile-0 blocks in the
//     same pass, from the samples they have staged, instead of a separate reduction over x; a
//     final kernel writes r[k] = sum_k / energy, 0 for k >= N or zero energy.
#include <cuda_runtime.h>
#include <cstddef>

#define AC_CHUNK 1024
#define AC_LAGS 64
#define AC_BLOCK 256
#define AC_PHASES 16   // AC_BLOCK / (AC_LAGS / 4)

__global__ void acf_partial_kernel(size_t N, size_t lags, const float *__restrict__ x,
                                   double *lag_sums, double *energy) {
    __shared__ float xa[AC_CHUNK];
    __shared__ float xb[AC_CHUNK + AC_LAGS];
    __shared__ double red[AC_BLOCK / 32][AC_LAGS];
    __shared__ double e_red[AC_BLOCK / 32];
    const size_t n0 = (size_t)blockIdx.x * AC_CHUNK;
    const size_t k0 = (size_t)blockIdx.y * AC_LAGS;
    for (int j = threadIdx.x; j < AC_CHUNK; j += AC_BLOCK) {
        const size_t s = n0 + j;
        xa[j] = s < N ? x[s] : 0.0f;
    }
    for (int j = threadIdx.x; j < AC_CHUNK + AC_LAGS; j += AC_BLOCK) {
        const size_t s = n0 + k0 + j;
        xb[j] = s < N ? x[s] : 0.0f;
    }
    __syncthreads();

    const int g = threadIdx.x % (AC_LAGS / 4);  // lags k0 + 4g .. 4g + 3
    const int p = threadIdx.x / (AC_LAGS / 4);  // samples n0 + p, p + 16, ...
    double acc[4] = {0.0, 0.0, 0.0, 0.0};
    double e = 0.0;
    const bool energy_thread = blockIdx.y == 0 && g == 0;
#pragma unroll 4
    for (int s = p; s < AC_CHUNK; s += AC_PHASES) {
        const float a = xa[s];
        const double ad = (double)a;
#pragma unroll
        for (int q = 0; q < 4; ++q) acc[q] += ad * (double)xb[s + 4 * g + q];
        if (energy_thread) e += (double)__fmul_rn(a, a);
    }
    const int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
#pragma unroll
    for (int q = 0; q < 4; ++q) acc[q] += __shfl_xor_sync(0xffffffffu, acc[q], 16);
    for (int o = 16; o > 0; o >>= 1) e += __shfl_xor_sync(0xffffffffu, e, o);
    if (lane < 16) {
#pragma unroll
        for (int q = 0; q < 4; ++q) red[warp][4 * lane + q] = acc[q];
    }
    if (lane == 0) e_red[warp] = e;
    __syncthreads();
    if (threadIdx.x < AC_LAGS) {
        const size_t k = k0 + threadIdx.x;
        double sum = 0.0;
        for (int w = 0; w < AC_BLOCK / 32; ++w) sum += red[w][threadIdx.x];
        if (k < lags && k < N && sum != 0.0) atomicAdd(&lag_sums[k], sum);
    }
    if (blockIdx.y == 0 && threadIdx.x == 0) {
        double sum = 0.0;
        for (int w = 0; w < AC_BLOCK / 32; ++w) sum += e_red[w];
        if (sum != 0.0) atomicAdd(energy, sum);
    }
}

__global__ void acf_finish_kernel(size_t N, size_t lags, const double *lag_sums,
                                  const double *energy, float *r) {
    const size_t k = (size_t)blockIdx.x * blockDim.x + threadIdx.x;
    if (k >= lags) return;
    const double e = *energy;
    r[k] = (k >= N || e == 0.0) ? 0.0f : (float)(lag_sums[k] / e);
}

void autocorrelation_f32_device(const float *x, size_t x_size, float *r, size_t r_size) {
    const size_t N = x_size, lags = r_size;
    if (lags == 0) return;
    double *sums = nullptr;  // lags lag sums, then the energy
    cudaMalloc(&sums, (lags + 1) * sizeof(double));
    cudaMemset(sums, 0, (lags + 1) * sizeof(double));
    if (N > 0) {
        const size_t useful = lags < N ? lags : N;  // lags >= N are 0
        dim3 grid((unsigned)((N + AC_CHUNK - 1) / AC_CHUNK),
                  (unsigned)((useful + AC_LAGS - 1) / AC_LAGS));
        acf_partial_kernel<<<grid, AC_BLOCK>>>(N, lags, x, sums, sums + lags);
    }
    acf_finish_kernel<<<(unsigned)((lags + 255) / 256), 256>>>(N, lags, sums, sums + lags, r);
    cudaFree(sums);
}
