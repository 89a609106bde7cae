#include <math.h>

/* Largest absolute value of x (the infinity norm); 0 for an empty array. */
float max_abs_f32(int n, const float *x) {
    float m = 0.0f;
    for (int i = 0; i < n; i++) {
        float a = fabsf(x[i]);
        if (a > m) m = a;
    }
    return m;
}
