/* y = A x for a row-major n x m matrix A. */
void matvec_f32(int n, int m, const float *A, const float *x, float *y) {
    for (int i = 0; i < n; i++) {
        float sum = 0.0f;
        for (int j = 0; j < m; j++) sum += A[i * m + j] * x[j];
        y[i] = sum;
    }
}
