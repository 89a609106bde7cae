/* c[i][j] = a[i][j] + a[j][i] for a row-major n x n matrix. */
// regrapht: length a=n*n c=n*n
void transpose_add_f32(int n, const float *a, float *c) {
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) c[i * n + j] = a[i * n + j] + a[j * n + i];
}
