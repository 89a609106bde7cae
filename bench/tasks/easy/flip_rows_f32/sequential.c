/* out[i][j] = in[i][m - 1 - j] for a row-major n x m image. */
void flip_rows_f32(int n, int m, const float *in, float *out) {
    for (int i = 0; i < n; i++)
        for (int j = 0; j < m; j++) out[i * m + j] = in[i * m + (m - 1 - j)];
}
