/* y += A x for a sparse n x n matrix in coordinate (COO) format, entries in any order. */
// regrapht: length x=n y=n
void coo_spmv_accumulate(int nnz, const int *row, const int *col, const float *val,
                         const float *x, int n, float *y) {
    for (int e = 0; e < nnz; e++) y[row[e]] += val[e] * x[col[e]];
}
