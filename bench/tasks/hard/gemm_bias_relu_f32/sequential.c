/* Fully connected layer with ReLU: C = max(0, A B + bias), with A m x k, B k x n and C m x n
   (row-major) and one bias per output column. */
// regrapht: size k=512
// regrapht: length A=m*k B=k*n bias=n C=m*n
void gemm_bias_relu_f32(int m, int n, int k, const float *A, const float *B, const float *bias,
                        float *C) {
    for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
            float acc = 0.0f;
            for (int p = 0; p < k; p++) acc += A[i * k + p] * B[p * n + j];
            acc += bias[j];
            C[i * n + j] = acc > 0.0f ? acc : 0.0f;
        }
    }
}
