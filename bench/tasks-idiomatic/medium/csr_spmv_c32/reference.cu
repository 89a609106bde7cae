// Expert steps, in the order they were added:
//  1. thread mapping: every row is independent (the first version gave one thread a row).
//  2. memory coalescing: a group of 8 lanes per row instead (rows hold a few nonzeros each): lane
//     l of the group takes nonzeros row_ptr[r] + l, + 8, ..., so the group's loads of col and val
//     are contiguous.
//  3. warp shuffle reduction: the 8 partial complex sums of a group are added with
//     __shfl_down_sync limited to the group (width 8), and its first lane writes y[r].
//  4. read-only cache: row_ptr, col, val and x are const __restrict__ and read with __ldg; the
//     gathers x[col[j]] in particular hit the read-only cache when rows share columns.
#include <cuda_runtime.h>
#include <cuComplex.h>
#include <cstddef>

#define SPMV_BLOCK 256
#define SPMV_GROUP 8

__global__ void csr_spmv_group_kernel(size_t rows, const int *__restrict__ row_ptr,
                                      const int *__restrict__ col,
                                      const cuFloatComplex *__restrict__ val,
                                      const cuFloatComplex *__restrict__ x,
                                      cuFloatComplex *__restrict__ y) {
    const size_t t = (size_t)blockIdx.x * SPMV_BLOCK + threadIdx.x;
    const size_t r = t / SPMV_GROUP;
    const int lane = (int)(t % SPMV_GROUP);
    float re = 0.0f, im = 0.0f;
    if (r < rows) {
        const int end = __ldg(&row_ptr[r + 1]);
        for (int j = __ldg(&row_ptr[r]) + lane; j < end; j += SPMV_GROUP) {
            const float2 a = __ldg(reinterpret_cast<const float2 *>(val) + j);
            const float2 b = __ldg(reinterpret_cast<const float2 *>(x) + __ldg(&col[j]));
            re += a.x * b.x - a.y * b.y;
            im += a.x * b.y + a.y * b.x;
        }
    }
    // Every lane of the warp takes part (rows past the end add zeros).
    for (int o = SPMV_GROUP / 2; o > 0; o >>= 1) {
        re += __shfl_down_sync(0xffffffffu, re, o, SPMV_GROUP);
        im += __shfl_down_sync(0xffffffffu, im, o, SPMV_GROUP);
    }
    if (r < rows && lane == 0) y[r] = make_cuFloatComplex(re, im);
}

void csr_spmv_c32_device(const int *row_ptr, size_t row_ptr_size, const int *col,
                         size_t col_size, const cuFloatComplex *val, size_t val_size,
                         const cuFloatComplex *x, size_t x_size, cuFloatComplex *y,
                         size_t y_size) {
    const size_t rows = y_size;
    if (rows == 0) return;
    const size_t threads = rows * SPMV_GROUP;
    const unsigned blocks = (unsigned)((threads + SPMV_BLOCK - 1) / SPMV_BLOCK);
    csr_spmv_group_kernel<<<blocks, SPMV_BLOCK>>>(rows, row_ptr, col, val, x, y);
}
