/* y = A^T x for a row-major n x m matrix A (x has n elements, y has m). The loops run
   row by row so that A is read in memory order. */
void matvec_transpose_f32(int n, int m, const float *A, const float *x, float *y) {
    for (int j = 0; j < m; j++) y[j] = 0.0f;
    for (int i = 0; i < n; i++) {
        float xi = x[i];
        for (int j = 0; j < m; j++) y[j] += A[i * m + j] * xi;
    }
}
