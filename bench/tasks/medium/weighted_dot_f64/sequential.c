/* sum over i of w[i] * x[i] * y[i] (a weighted inner product), in double precision. */
double weighted_dot_f64(int n, const double *w, const double *x, const double *y) {
    double s = 0.0;
    for (int i = 0; i < n; i++) s += w[i] * x[i] * y[i];
    return s;
}
