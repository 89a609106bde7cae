#include <math.h>

/* Row-wise softmax of a row-major n x m matrix, with the row maximum subtracted before
   exponentiating so that exp never overflows. */
void softmax_rows_f32(int n, int m, const float *x, float *y) {
    for (int i = 0; i < n; i++) {
        float mx = -INFINITY;
        for (int j = 0; j < m; j++) mx = fmaxf(mx, x[i * m + j]);
        float sum = 0.0f;
        for (int j = 0; j < m; j++) {
            float e = expf(x[i * m + j] - mx);
            y[i * m + j] = e;
            sum += e;
        }
        float inv = 1.0f / sum;
        for (int j = 0; j < m; j++) y[i * m + j] *= inv;
    }
}
