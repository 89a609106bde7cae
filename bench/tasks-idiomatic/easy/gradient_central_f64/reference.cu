// Expert steps, in the order they were added:
//  1. thread mapping: thread i writes df[i]: the central difference inside, the one-sided one
//     at i = 0 and i = n - 1 (the same double operations as the C++ code: a subtraction and a
//     correctly rounded division by h or by 2h, so the results are bit-for-bit equal); one
//     sample gives 0.
//  2. read-only cache: f is read through const __restrict__ and __ldg, so the neighbouring
//     threads' overlapping reads of f[i - 1] and f[i + 1] are served by the read-only cache.
#include <cuda_runtime.h>
#include <cstddef>

__global__ void gradient_kernel(size_t n, const double *__restrict__ f, double h,
                                double *__restrict__ df) {
    const size_t i = (size_t)blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    if (n == 1) {
        df[0] = 0.0;
    } else if (i == 0) {
        df[0] = (__ldg(&f[1]) - __ldg(&f[0])) / h;
    } else if (i == n - 1) {
        df[i] = (__ldg(&f[i]) - __ldg(&f[i - 1])) / h;
    } else {
        df[i] = (__ldg(&f[i + 1]) - __ldg(&f[i - 1])) / (2.0 * h);
    }
}

void gradient_central_f64_device(const double *f, size_t f_size, double h, double *df,
                                 size_t df_size) {
    if (f_size == 0) return;
    const unsigned blocks = (unsigned)((f_size + 255) / 256);
    gradient_kernel<<<blocks, 256>>>(f_size, f, h, df);
}
