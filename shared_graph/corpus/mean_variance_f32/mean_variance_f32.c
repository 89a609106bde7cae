/* Mean and (population) variance of x, two passes: the mean first, then the mean squared
   deviation from it. */
void mean_variance_f32(int n, const float *x, float *mean, float *var) {
    double s = 0.0;
    for (int i = 0; i < n; i++) s += x[i];
    float m = (float)(s / n);
    double q = 0.0;
    for (int i = 0; i < n; i++) {
        float d = x[i] - m;
        q += d * d;
    }
    *mean = m;
    *var = (float)(q / n);
}
