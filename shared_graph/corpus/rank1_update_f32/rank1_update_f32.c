/* Rank-1 update A += alpha * x y^T of a row-major n x m matrix, in place (BLAS sger). */
void rank1_update_f32(int n, int m, float alpha, const float *x, const float *y, float *A) {
    for (int i = 0; i < n; i++) {
        float ax = alpha * x[i];
        for (int j = 0; j < m; j++) A[i * m + j] += ax * y[j];
    }
}
