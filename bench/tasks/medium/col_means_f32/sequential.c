/* mean[j] = average over the n rows of x[i][j], for a row-major n x m matrix. */
// regrapht: length mean=m
void col_means_f32(int n, int m, const float *x, float *mean) {
    for (int j = 0; j < m; j++) mean[j] = 0.0f;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < m; j++) mean[j] += x[i * m + j];
    for (int j = 0; j < m; j++) mean[j] /= (float)n;
}
