/* y = L x where L is the lower triangle (diagonal included) of the row-major n x n matrix a. */
// regrapht: length a=n*n x=n y=n
void trmv_lower_f32(int n, const float *a, const float *x, float *y) {
    for (int i = 0; i < n; i++) {
        float s = 0.0f;
        for (int j = 0; j <= i; j++) s += a[i * n + j] * x[j];
        y[i] = s;
    }
}
