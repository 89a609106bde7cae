#include <math.h>

/* y[i][j] = x[i][j] / sqrt(mean_j(x[i][j]^2) + eps) * g[j] for a row-major n x m matrix. */
// regrapht: length g=m
void rmsnorm_rows_f32(int n, int m, const float *x, const float *g, float *y) {
    const float eps = 1e-6f;
    for (int i = 0; i < n; i++) {
        float ss = 0.0f;
        for (int j = 0; j < m; j++) ss += x[i * m + j] * x[i * m + j];
        float inv = 1.0f / sqrtf(ss / (float)m + eps);
        for (int j = 0; j < m; j++) y[i * m + j] = x[i * m + j] * inv * g[j];
    }
}
