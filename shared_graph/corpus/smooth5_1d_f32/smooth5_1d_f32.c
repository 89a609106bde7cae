/* 1D 5-point weighted smoothing (binomial weights 1 4 6 4 1 / 16); indices past either end
   are clamped to the first / last sample. */
static int clampi(int i, int lo, int hi) { return i < lo ? lo : (i > hi ? hi : i); }

void smooth5_1d_f32(int n, const float *x, float *y) {
    for (int i = 0; i < n; i++) {
        float a = x[clampi(i - 2, 0, n - 1)];
        float b = x[clampi(i - 1, 0, n - 1)];
        float c = x[i];
        float d = x[clampi(i + 1, 0, n - 1)];
        float e = x[clampi(i + 2, 0, n - 1)];
        y[i] = (a + 4.0f * b + 6.0f * c + 4.0f * d + e) * (1.0f / 16.0f);
    }
}
