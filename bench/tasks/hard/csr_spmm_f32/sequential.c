/* C = A B for a sparse nrows x ncols matrix A in CSR form (row_ptr, col, val) and a dense
   row-major ncols x k matrix B with few columns (k = 32 features, as in a graph neural
   network layer); C is nrows x k, row-major. */
// regrapht: size k=32 ncols=16384
// regrapht: range col=0:16383; length B=ncols*k C=nrows*k
void csr_spmm_f32(int nrows, int ncols, int k, const int *row_ptr, const int *col,
                  const float *val, const float *B, float *C) {
    for (int i = 0; i < nrows; i++) {
        for (int j = 0; j < k; j++) C[i * k + j] = 0.0f;
        for (int e = row_ptr[i]; e < row_ptr[i + 1]; e++) {
            float a = val[e];
            for (int j = 0; j < k; j++) C[i * k + j] += a * B[col[e] * k + j];
        }
    }
}
