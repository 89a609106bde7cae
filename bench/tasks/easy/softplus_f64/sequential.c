#include <math.h>

/* Softplus log(1 + e^x), written so that exp never overflows: max(x, 0) + log1p(e^-|x|). */
// regrapht: range x=-30:30
void softplus_f64(int n, const double *x, double *y) {
    for (int i = 0; i < n; i++) {
        double v = x[i];
        y[i] = fmax(v, 0.0) + log1p(exp(-fabs(v)));
    }
}
