/* Cumulative product: y[i] = x[0] * x[1] * ... * x[i] (e.g. compounded growth factors). */
// regrapht: range x=0.9:1.1
void cumprod_f64(int n, const double *x, double *y) {
    double p = 1.0;
    for (int i = 0; i < n; i++) {
        p *= x[i];
        y[i] = p;
    }
}
