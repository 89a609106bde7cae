/* C = A B^T with A n x k, B m x k and C n x m, all row-major: C[i][j] is the dot product of
   row i of A with row j of B. */
void matmul_abt_f32(int n, int m, int k, const float *A, const float *B, float *C) {
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < m; j++) {
            float sum = 0.0f;
            for (int p = 0; p < k; p++) sum += A[i * k + p] * B[j * k + p];
            C[i * m + j] = sum;
        }
    }
}
