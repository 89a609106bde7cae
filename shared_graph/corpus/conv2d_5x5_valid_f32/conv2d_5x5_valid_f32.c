/* Valid 2D convolution (correlation form) with a 5x5 filter w (row-major, 25 weights): the
   input img is (n + 4) x (m + 4), row-major, and the output out is n x m. */
// regrapht: length img=(n+4)*(m+4) w=25 out=n*m
void conv2d_5x5_valid_f32(int n, int m, const float *img, const float *w, float *out) {
    int wi = m + 4;
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < m; j++) {
            float s = 0.0f;
            for (int di = 0; di < 5; di++)
                for (int dj = 0; dj < 5; dj++)
                    s += w[di * 5 + dj] * img[(i + di) * wi + (j + dj)];
            out[i * m + j] = s;
        }
    }
}
