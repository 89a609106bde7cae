/* Running maximum: y[i] = max(x[0], ..., x[i]). */
void prefix_max_f32(int n, const float *x, float *y) {
    if (n <= 0) return;
    float m = x[0];
    for (int i = 0; i < n; i++) {
        if (x[i] > m) m = x[i];
        y[i] = m;
    }
}
