#include <math.h>

/* Scale each row of a row-major n x m matrix to unit Euclidean length (an all-zero row
   stays zero). */
void l2_normalize_rows_f32(int n, int m, const float *x, float *y) {
    for (int i = 0; i < n; i++) {
        float ss = 0.0f;
        for (int j = 0; j < m; j++) ss += x[i * m + j] * x[i * m + j];
        float inv = ss > 0.0f ? 1.0f / sqrtf(ss) : 0.0f;
        for (int j = 0; j < m; j++) y[i * m + j] = x[i * m + j] * inv;
    }
}
