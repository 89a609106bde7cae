/* C = A B in double precision: A is n x k, B is k x m, C is n x m, all row-major. */
void matmul_f64(int n, int k, int m, const double *A, const double *B, double *C) {
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < m; j++) {
            double sum = 0.0;
            for (int p = 0; p < k; p++) sum += A[i * k + p] * B[p * m + j];
            C[i * m + j] = sum;
        }
    }
}
