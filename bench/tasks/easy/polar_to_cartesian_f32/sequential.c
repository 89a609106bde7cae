#include <math.h>

/* x = r cos(theta), y = r sin(theta) for n points. */
// regrapht: range r=0:10 theta=-3.14159:3.14159
void polar_to_cartesian_f32(int n, const float *r, const float *theta, float *x, float *y) {
    for (int i = 0; i < n; i++) {
        x[i] = r[i] * cosf(theta[i]);
        y[i] = r[i] * sinf(theta[i]);
    }
}
