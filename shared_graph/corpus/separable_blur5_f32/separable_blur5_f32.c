/* Separable 5-tap blur of an n x m row-major image with weights w[0..4] (centre w[2]):
   a horizontal pass into tmp, then a vertical pass from tmp into out. Neighbours outside the
   image are clamped to the nearest edge pixel. */
// regrapht: length img=n*m w=5
void separable_blur5_f32(int n, int m, const float *img, const float *w, float *tmp,
                         float *out) {
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < m; j++) {
            float s = 0.0f;
            for (int t = -2; t <= 2; t++) {
                int jj = j + t;
                if (jj < 0) jj = 0;
                if (jj > m - 1) jj = m - 1;
                s += w[t + 2] * img[i * m + jj];
            }
            tmp[i * m + j] = s;
        }
    }
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < m; j++) {
            float s = 0.0f;
            for (int t = -2; t <= 2; t++) {
                int ii = i + t;
                if (ii < 0) ii = 0;
                if (ii > n - 1) ii = n - 1;
                s += w[t + 2] * tmp[ii * m + j];
            }
            out[i * m + j] = s;
        }
    }
}
