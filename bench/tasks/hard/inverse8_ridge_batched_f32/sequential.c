#include <math.h>

/* Regularised inverses of many small matrices: X[b] = (A[b] + ridge I)^-1 for `count` 8 x 8
   blocks (row-major, one after another), by Gauss-Jordan elimination with partial pivoting on
   the augmented matrix [A + ridge I | I]. */
// regrapht: range A=-1:1 ridge=10:12
// regrapht: length A=count*64 X=count*64
void inverse8_ridge_batched_f32(int count, const float *A, float ridge, float *X) {
    for (int b = 0; b < count; b++) {
        const float *a = A + (long)b * 64;
        float m[8][16];
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 8; j++) {
                m[i][j] = a[i * 8 + j] + (i == j ? ridge : 0.0f);
                m[i][j + 8] = i == j ? 1.0f : 0.0f;
            }
        }
        for (int p = 0; p < 8; p++) {
            int piv = p;
            for (int r = p + 1; r < 8; r++)
                if (fabsf(m[r][p]) > fabsf(m[piv][p])) piv = r;
            if (piv != p) {
                for (int c = 0; c < 16; c++) {
                    float t = m[p][c];
                    m[p][c] = m[piv][c];
                    m[piv][c] = t;
                }
            }
            float inv = 1.0f / m[p][p];
            for (int c = 0; c < 16; c++) m[p][c] *= inv;
            for (int r = 0; r < 8; r++) {
                if (r == p) continue;
                float f = m[r][p];
                for (int c = 0; c < 16; c++) m[r][c] -= f * m[p][c];
            }
        }
        for (int i = 0; i < 8; i++)
            for (int j = 0; j < 8; j++) X[(long)b * 64 + i * 8 + j] = m[i][j + 8];
    }
}
