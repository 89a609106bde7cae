#include <math.h>

/* L1 (Manhattan) distance sum |a[i] - b[i]|, accumulated in double. */
float l1_distance_f32(int n, const float *a, const float *b) {
    double s = 0.0;
    for (int i = 0; i < n; i++) s += fabsf(a[i] - b[i]);
    return (float)s;
}
