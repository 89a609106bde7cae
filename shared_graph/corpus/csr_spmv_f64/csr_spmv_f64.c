/* y = A x for a sparse matrix A in CSR format (double precision). */
// regrapht: length x=nrows
void csr_spmv_f64(int nrows, const int *row_ptr, const int *col, const double *val,
                  const double *x, double *y) {
    for (int i = 0; i < nrows; i++) {
        double sum = 0.0;
        for (int j = row_ptr[i]; j < row_ptr[i + 1]; j++) sum += val[j] * x[col[j]];
        y[i] = sum;
    }
}
