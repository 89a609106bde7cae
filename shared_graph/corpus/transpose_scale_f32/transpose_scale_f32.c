/* Scaled transpose: out (m x n) = a * in^T, with in n x m, both row-major. */
void transpose_scale_f32(int n, int m, float a, const float *in, float *out) {
    for (int i = 0; i < n; i++)
        for (int j = 0; j < m; j++)
            out[j * n + i] = a * in[i * m + j];
}
