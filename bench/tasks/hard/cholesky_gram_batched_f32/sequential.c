#include <math.h>

/* For each of `count` s x s blocks A[b] (row-major, one after another): form the symmetric
   positive definite matrix M = A A^T + s I and factor it, M = L L^T (Cholesky-Crout). L[b] gets
   the lower-triangular factor, with zeros above the diagonal. */
// regrapht: size s=32
// regrapht: length A=count*s*s L=count*s*s
void cholesky_gram_batched_f32(int count, int s, const float *A, float *L) {
    for (int b = 0; b < count; b++) {
        const float *a = A + (long)b * s * s;
        float *l = L + (long)b * s * s;
        /* lower triangle of M = A A^T + s I */
        for (int i = 0; i < s; i++) {
            for (int j = 0; j < s; j++) {
                if (j > i) {
                    l[i * s + j] = 0.0f;
                    continue;
                }
                float acc = (i == j) ? (float)s : 0.0f;
                for (int p = 0; p < s; p++) acc += a[i * s + p] * a[j * s + p];
                l[i * s + j] = acc;
            }
        }
        /* in-place factorisation, column by column */
        for (int j = 0; j < s; j++) {
            float d = l[j * s + j];
            for (int p = 0; p < j; p++) d -= l[j * s + p] * l[j * s + p];
            d = sqrtf(d);
            l[j * s + j] = d;
            for (int i = j + 1; i < s; i++) {
                float v = l[i * s + j];
                for (int p = 0; p < j; p++) v -= l[i * s + p] * l[j * s + p];
                l[i * s + j] = v / d;
            }
        }
    }
}
