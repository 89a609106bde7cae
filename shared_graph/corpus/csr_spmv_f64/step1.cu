// One thread per row: the row's dot product in the C code's order (scalar CSR kernel).
__global__ void csr_spmv_row_kernel(int nrows, const int *row_ptr, const int *col,
                                    const double *val, const double *x, double *y) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < nrows) {
        double sum = 0.0;
        for (int j = row_ptr[i]; j < row_ptr[i + 1]; j++) sum += val[j] * x[col[j]];
        y[i] = sum;
    }
}

void csr_spmv_f64_device(int nrows, const int *row_ptr, const int *col, const double *val,
                         const double *x, double *y) {
    if (nrows <= 0) return;
    const int block = 256;
    csr_spmv_row_kernel<<<(unsigned)(((long long)nrows + block - 1) / block), block>>>(
        nrows, row_ptr, col, val, x, y);
}
