// Vector CSR: a group of 4 consecutive lanes per row. The lanes read consecutive nonzeros of the
// row (coalesced col/val loads), each keeps a partial sum, and the 4 partials are combined with
// warp shuffles inside the group.
#define LANES_PER_ROW 4

__global__ void csr_spmv_vector_kernel(int nrows, const int *row_ptr, const int *col,
                                       const double *val, const double *x, double *y) {
    long long t = (long long)blockIdx.x * blockDim.x + threadIdx.x;
    long long row = t / LANES_PER_ROW;
    int lane = (int)(t % LANES_PER_ROW);
    double sum = 0.0;
    if (row < nrows) {
        int end = row_ptr[row + 1];
        for (int j = row_ptr[row] + lane; j < end; j += LANES_PER_ROW) sum += val[j] * x[col[j]];
    }
    // Every lane of the warp reaches the shuffles (no early exit), so the full mask is valid.
#pragma unroll
    for (int off = LANES_PER_ROW / 2; off > 0; off >>= 1)
        sum += __shfl_down_sync(0xffffffffu, sum, off, LANES_PER_ROW);
    if (row < nrows && lane == 0) y[row] = sum;
}

void csr_spmv_f64_device(int nrows, const int *row_ptr, const int *col, const double *val,
                         const double *x, double *y) {
    if (nrows <= 0) return;
    const int block = 256;  // a multiple of 32: warps are always complete
    long long threads = (long long)nrows * LANES_PER_ROW;
    csr_spmv_vector_kernel<<<(unsigned)((threads + block - 1) / block), block>>>(
        nrows, row_ptr, col, val, x, y);
}
