#include <math.h>

/* out[i] = log(sum_j exp(x[i][j])) for each row of a row-major n x m matrix, computed stably
   as max + log(sum exp(x - max)). */
void logsumexp_rows_f32(int n, int m, const float *x, float *out) {
    for (int i = 0; i < n; i++) {
        float mx = -INFINITY;
        for (int j = 0; j < m; j++) mx = fmaxf(mx, x[i * m + j]);
        float sum = 0.0f;
        for (int j = 0; j < m; j++) sum += expf(x[i * m + j] - mx);
        out[i] = mx + logf(sum);
    }
}
