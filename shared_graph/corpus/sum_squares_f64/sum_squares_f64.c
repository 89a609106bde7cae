/* Sum of the squares of x (squared Euclidean norm), in double precision. */
double sum_squares_f64(int n, const double *x) {
    double s = 0.0;
    for (int i = 0; i < n; i++) s += x[i] * x[i];
    return s;
}
