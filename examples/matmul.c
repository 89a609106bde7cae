/* C = A * B for row-major A (n x k), B (k x m), C (n x m). */
void matmul(int n, int m, int k, const float *A, const float *B, float *C) {
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < m; j++) {
            float acc = 0.0f;
            for (int p = 0; p < k; p++) {
                acc += A[i * k + p] * B[p * m + j];
            }
            C[i * m + j] = acc;
        }
    }
}
