/* 3x3 box blur of an n x m image; the one-pixel border is copied unchanged. */
void blur3x3(int n, int m, const float *in, float *out) {
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < m; j++) {
            if (i == 0 || j == 0 || i == n - 1 || j == m - 1) {
                out[i * m + j] = in[i * m + j];
                continue;
            }
            float s = 0.0f;
            for (int di = -1; di <= 1; di++)
                for (int dj = -1; dj <= 1; dj++)
                    s += in[(i + di) * m + (j + dj)];
            out[i * m + j] = s / 9.0f;
        }
    }
}
