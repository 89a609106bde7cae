/* 3x3 Gaussian-like blur (weights 1 2 1 / 2 4 2 / 1 2 1, divided by 16) of an n x m row-major
   image; neighbours outside the image are clamped to the nearest edge pixel. */
// regrapht: length img=n*m
void gauss_blur9_clamp_f32(int n, int m, const float *img, float *out) {
    const float w[3] = {1.0f, 2.0f, 1.0f};
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < m; j++) {
            float s = 0.0f;
            for (int di = -1; di <= 1; di++) {
                int ii = i + di;
                if (ii < 0) ii = 0;
                if (ii > n - 1) ii = n - 1;
                for (int dj = -1; dj <= 1; dj++) {
                    int jj = j + dj;
                    if (jj < 0) jj = 0;
                    if (jj > m - 1) jj = m - 1;
                    s += w[di + 1] * w[dj + 1] * img[ii * m + jj];
                }
            }
            out[i * m + j] = s * (1.0f / 16.0f);
        }
    }
}
