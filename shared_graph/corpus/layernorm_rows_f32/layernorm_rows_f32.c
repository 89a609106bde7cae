#include <math.h>

/* Layer normalisation of each row of a row-major n x m matrix: subtract the row mean, divide
   by the row standard deviation (biased variance plus eps), then scale by gamma and shift by
   beta (per column). */
void layernorm_rows_f32(int n, int m, const float *x, const float *gamma, const float *beta,
                        float *y) {
    const float eps = 1e-5f;
    for (int i = 0; i < n; i++) {
        float mean = 0.0f;
        for (int j = 0; j < m; j++) mean += x[i * m + j];
        mean /= m;
        float var = 0.0f;
        for (int j = 0; j < m; j++) {
            float d = x[i * m + j] - mean;
            var += d * d;
        }
        var /= m;
        float rstd = 1.0f / sqrtf(var + eps);
        for (int j = 0; j < m; j++)
            y[i * m + j] = (x[i * m + j] - mean) * rstd * gamma[j] + beta[j];
    }
}
