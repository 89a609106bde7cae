// Causal 5-tap FIR: y[i] = sum_k taps[k] x[i - k], x[j] = 0 for j < 0.
// Expert steps, in the order they were added:
//  1. thread mapping: one thread per output sample, the taps summed in the C code's order
//     k = 0..4 (a missing sample contributes nothing, as the `i >= k` test skips it).
//  2. constant memory: all threads read the same tap at the same time; the five taps are
//     copied device to device into a __constant__ array (cudaMemcpyToSymbolAsync) and served
//     by the broadcasting constant cache.
//  3. shared memory tiling: every input sample is used by five outputs; a block stages its
//     window x[base - 4 .. base + TILE) in shared memory once (coalesced) and the threads read
//     their five samples from there.
//  4. thread coarsening: each thread computes FIR_PER outputs spaced a block apart (the
//     stores stay coalesced), so the 4-sample halo and the block's setup are amortized over
//     1024 outputs.
#define FIR_BLOCK 256
#define FIR_PER 4
#define FIR_TILE (FIR_BLOCK * FIR_PER)
#define FIR_HALO 4

__constant__ float c_fir_taps[5];

__global__ void __launch_bounds__(FIR_BLOCK)
fir5_kernel(const float *__restrict__ x, float *__restrict__ y, size_t n) {
    __shared__ float xs[FIR_TILE + FIR_HALO];
    const size_t base = (size_t)blockIdx.x * FIR_TILE;
    // xs[t] holds x[base - FIR_HALO + t]; samples before 0 or past the end are staged as 0
    // (those before 0 are never used by the tests below, those past the end by no output).
    for (int t = threadIdx.x; t < FIR_TILE + FIR_HALO; t += FIR_BLOCK) {
        const long long g = (long long)base - FIR_HALO + t;
        xs[t] = (g >= 0 && (size_t)g < n) ? x[g] : 0.0f;
    }
    __syncthreads();
#pragma unroll
    for (int c = 0; c < FIR_PER; ++c) {
        const int local = c * FIR_BLOCK + threadIdx.x;
        const size_t i = base + local;
        if (i >= n) break;
        float acc = 0.0f;
#pragma unroll
        for (int k = 0; k < 5; ++k)
            if (i >= (size_t)k) acc += c_fir_taps[k] * xs[local + FIR_HALO - k];
        y[i] = acc;
    }
}

void fir5_causal_filter_device(const float *x, size_t x_size, const float *taps, float *y,
                               size_t y_size) {
    const size_t n = x_size < y_size ? x_size : y_size;
    if (n == 0) return;
    cudaMemcpyToSymbolAsync(c_fir_taps, taps, 5 * sizeof(float), 0, cudaMemcpyDeviceToDevice);
    const size_t blocks = (n + FIR_TILE - 1) / FIR_TILE;
    fir5_kernel<<<(unsigned)blocks, FIR_BLOCK>>>(x, y, n);
}
