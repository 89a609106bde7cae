/* y = A x for a square sparse matrix in ELLPACK format: k slots per row, stored row by row
   (slot j of row i at i * k + j); padding slots have col = -1. */
// regrapht: length x=n col=n*k val=n*k
void ell_spmv_f32(int n, int k, const int *col, const float *val, const float *x, float *y) {
    for (int i = 0; i < n; i++) {
        float sum = 0.0f;
        for (int j = 0; j < k; j++) {
            int c = col[i * k + j];
            if (c >= 0) sum += val[i * k + j] * x[c];
        }
        y[i] = sum;
    }
}
