#include <math.h>

/* Logistic sigmoid activation, y = 1 / (1 + e^-x), element-wise. */
void sigmoid_f32(int n, const float *x, float *y) {
    for (int i = 0; i < n; i++) y[i] = 1.0f / (1.0f + expf(-x[i]));
}
