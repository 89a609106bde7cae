#include <math.h>

/* One Adam step at iteration t (>= 1): the first and second moments m, v are updated in place
   from the gradient g, then the parameters p, with bias correction. */
// regrapht: range lr=0.0001:0.01 t=1:100 v=0:1 g=-1:1
void adam_step_f32(int n, float *p, const float *g, float *m, float *v, float lr, int t) {
    const float b1 = 0.9f, b2 = 0.999f, eps = 1e-8f;
    float c1 = 1.0f - powf(b1, (float)t);
    float c2 = 1.0f - powf(b2, (float)t);
    for (int i = 0; i < n; i++) {
        m[i] = b1 * m[i] + (1.0f - b1) * g[i];
        v[i] = b2 * v[i] + (1.0f - b2) * g[i] * g[i];
        float mh = m[i] / c1;
        float vh = v[i] / c2;
        p[i] -= lr * mh / (sqrtf(vh) + eps);
    }
}
