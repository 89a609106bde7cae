/* out[0] = min of x, out[1] = max of x (n >= 1; for n = 0 both are left as +inf / -inf). */
// regrapht: length out=2
void minmax_f32(int n, const float *x, float *out) {
    float lo = 1.0f / 0.0f, hi = -1.0f / 0.0f;
    for (int i = 0; i < n; i++) {
        if (x[i] < lo) lo = x[i];
        if (x[i] > hi) hi = x[i];
    }
    out[0] = lo;
    out[1] = hi;
}
