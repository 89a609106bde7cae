#include <math.h>

/* A transformer block's tail, per row of an n x m matrix: h = x + r (the new residual
   stream, stored), then y = gelu(layernorm(h) * gamma + beta) with the tanh form of GELU. */
// regrapht: length gamma=m beta=m
void residual_layernorm_gelu_f32(int n, int m, const float *x, const float *r,
                                 const float *gamma, const float *beta, float *h, float *y) {
    const float eps = 1e-5f;
    for (int i = 0; i < n; i++) {
        float sum = 0.0f;
        for (int j = 0; j < m; j++) {
            h[i * m + j] = x[i * m + j] + r[i * m + j];
            sum += h[i * m + j];
        }
        float mean = sum / (float)m;
        float var = 0.0f;
        for (int j = 0; j < m; j++) {
            float d = h[i * m + j] - mean;
            var += d * d;
        }
        float inv = 1.0f / sqrtf(var / (float)m + eps);
        for (int j = 0; j < m; j++) {
            float z = (h[i * m + j] - mean) * inv * gamma[j] + beta[j];
            float u = 0.7978845608f * (z + 0.044715f * z * z * z);
            y[i * m + j] = 0.5f * z * (1.0f + tanhf(u));
        }
    }
}
