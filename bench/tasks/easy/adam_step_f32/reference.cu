#include <math.h>

// The three updates fused in one pass: each thread reads p, g, m, v once and writes p, m, v
// once. The bias corrections are computed once on the host side of the launcher.
__global__ void adam_kernel(int n, float *__restrict__ p, const float *__restrict__ g,
                            float *__restrict__ m, float *__restrict__ v, float lr, float c1,
                            float c2) {
    const float b1 = 0.9f, b2 = 0.999f, eps = 1e-8f;
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    float gi = g[i];
    float mi = b1 * m[i] + (1.0f - b1) * gi;
    float vi = b2 * v[i] + (1.0f - b2) * gi * gi;
    m[i] = mi;
    v[i] = vi;
    p[i] -= lr * (mi / c1) / (sqrtf(vi / c2) + eps);
}

void adam_step_f32_device(int n, float *p, const float *g, float *m, float *v, float lr, int t) {
    if (n <= 0) return;
    float c1 = 1.0f - powf(0.9f, (float)t);
    float c2 = 1.0f - powf(0.999f, (float)t);
    adam_kernel<<<(n + 255) / 256, 256>>>(n, p, g, m, v, lr, c1, c2);
}
