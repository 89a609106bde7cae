// Vector CSR (4 lanes per row) with the matrix and x marked read-only: const __restrict__ and
// __ldg send the irregular x[col[j]] gathers and the streamed col/val loads through the
// read-only data cache.
#define LANES_PER_ROW 4

__global__ void csr_spmv_vector_kernel(int nrows, const int *__restrict__ row_ptr,
                                       const int *__restrict__ col,
                                       const double *__restrict__ val,
                                       const double *__restrict__ x, double *__restrict__ y) {
    long long t = (long long)blockIdx.x * blockDim.x + threadIdx.x;
    long long row = t / LANES_PER_ROW;
    int lane = (int)(t % LANES_PER_ROW);
    double sum = 0.0;
    if (row < nrows) {
        int end = __ldg(&row_ptr[row + 1]);
        for (int j = __ldg(&row_ptr[row]) + lane; j < end; j += LANES_PER_ROW)
            sum += __ldg(&val[j]) * __ldg(&x[__ldg(&col[j])]);
    }
#pragma unroll
    for (int off = LANES_PER_ROW / 2; off > 0; off >>= 1)
        sum += __shfl_down_sync(0xffffffffu, sum, off, LANES_PER_ROW);
    if (row < nrows && lane == 0) y[row] = sum;
}

void csr_spmv_f64_device(int nrows, const int *row_ptr, const int *col, const double *val,
                         const double *x, double *y) {
    if (nrows <= 0) return;
    const int block = 256;
    long long threads = (long long)nrows * LANES_PER_ROW;
    csr_spmv_vector_kernel<<<(unsigned)((threads + block - 1) / block), block>>>(
        nrows, row_ptr, col, val, x, y);
}
