/* z = a*x + b*y, element-wise. */
void axpby_f32(int n, float a, const float *x, float b, const float *y, float *z) {
    for (int i = 0; i < n; i++) z[i] = a * x[i] + b * y[i];
}
