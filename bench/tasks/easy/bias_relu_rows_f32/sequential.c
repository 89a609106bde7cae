/* y[i][j] = max(0, x[i][j] + b[j]) for a row-major n x m matrix. */
// regrapht: length b=m
void bias_relu_rows_f32(int n, int m, const float *x, const float *b, float *y) {
    for (int i = 0; i < n; i++)
        for (int j = 0; j < m; j++) {
            float v = x[i * m + j] + b[j];
            y[i * m + j] = v > 0.0f ? v : 0.0f;
        }
}
