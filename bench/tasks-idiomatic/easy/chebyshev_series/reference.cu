// Chebyshev series by Clenshaw's recurrence at every sample.
// Expert steps, in the order they were added:
//  1. thread mapping: one thread per sample in a grid-sized loop; the recurrence itself is
//     sequential in k and stays so, in the same order as the C code.
//  2. loop unrolling: the eight coefficients are loaded once per thread into registers (the
//     same addresses for every thread: broadcast loads) and the seven-step recurrence is
//     unrolled completely, so the loop over samples is straight-line arithmetic.
__global__ void chebyshev_kernel(const float *__restrict__ c, const float *__restrict__ x,
                                 float *__restrict__ y, size_t n) {
    float cr[8];
#pragma unroll
    for (int k = 0; k < 8; ++k) cr[k] = c[k];
    const float half_c0 = 0.5f * cr[0];
    for (size_t i = (size_t)blockIdx.x * blockDim.x + threadIdx.x; i < n;
         i += (size_t)gridDim.x * blockDim.x) {
        const float t = x[i];
        float b1 = 0.0f, b2 = 0.0f;
#pragma unroll
        for (int k = 7; k >= 1; --k) {
            const float b0 = 2.0f * t * b1 - b2 + cr[k];
            b2 = b1;
            b1 = b0;
        }
        y[i] = t * b1 - b2 + half_c0;
    }
}

void chebyshev_series_device(const float *c, const float *x, size_t x_size, float *y,
                             size_t y_size) {
    const size_t n = x_size < y_size ? x_size : y_size;
    if (n == 0) return;
    size_t blocks = (n + 255) / 256;
    if (blocks > 4096) blocks = 4096;
    chebyshev_kernel<<<(unsigned)blocks, 256>>>(c, x, y, n);
}
