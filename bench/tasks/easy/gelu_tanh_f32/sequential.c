#include <math.h>

/* GELU activation, tanh approximation (as in GPT-2):
   y = 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))). */
// regrapht: range x=-4:4
void gelu_tanh_f32(int n, const float *x, float *y) {
    const float k = 0.7978845608f; /* sqrt(2 / pi) */
    for (int i = 0; i < n; i++) {
        float v = x[i];
        y[i] = 0.5f * v * (1.0f + tanhf(k * (v + 0.044715f * v * v * v)));
    }
}
