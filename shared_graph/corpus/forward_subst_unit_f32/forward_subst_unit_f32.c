/* Solve L x = b by forward substitution, L a unit lower-triangular n x n row-major matrix
   (the L factor of an LU decomposition: its diagonal is 1 and not stored/read; entries
   above the diagonal are ignored). Small off-diagonal entries keep the solve well conditioned. */
// regrapht: range L=-0.05:0.05
void forward_subst_unit_f32(int n, const float *L, const float *b, float *x) {
    for (int i = 0; i < n; i++) {
        float sum = 0.0f;
        for (int j = 0; j < i; j++) sum += L[i * n + j] * x[j];
        x[i] = b[i] - sum;
    }
}
