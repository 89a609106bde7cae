/* 2D convolution (correlation form) of an n x m row-major image with a 3x3 filter w (row-major,
   9 weights), zero padding: the output has the image's size. */
// regrapht: length img=n*m w=9
void conv2d_3x3_zpad_f32(int n, int m, const float *img, const float *w, float *out) {
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < m; j++) {
            float s = 0.0f;
            for (int di = 0; di < 3; di++) {
                int ii = i + di - 1;
                if (ii < 0 || ii >= n) continue;
                for (int dj = 0; dj < 3; dj++) {
                    int jj = j + dj - 1;
                    if (jj < 0 || jj >= m) continue;
                    s += w[di * 3 + dj] * img[ii * m + jj];
                }
            }
            out[i * m + j] = s;
        }
    }
}
