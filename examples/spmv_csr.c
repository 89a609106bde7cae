/* y = A * x for a square sparse matrix A in CSR form (row_ptr has n + 1 entries). */
// regrapht: length x=n
void spmv_csr(int n, const int *row_ptr, const int *col, const float *val, const float *x,
              float *y) {
    for (int i = 0; i < n; i++) {
        float acc = 0.0f;
        for (int j = row_ptr[i]; j < row_ptr[i + 1]; j++) {
            acc += val[j] * x[col[j]];
        }
        y[i] = acc;
    }
}
