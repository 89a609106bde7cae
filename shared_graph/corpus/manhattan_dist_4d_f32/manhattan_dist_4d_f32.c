#include <math.h>

/* All-pairs Manhattan (L1) distances between n points in 4D, stored as a structure of arrays
   (x0, x1, x2, x3): d[i * n + j] = sum over the 4 coordinates of |p_i - p_j|. */
void manhattan_dist_4d_f32(int n, const float *x0, const float *x1, const float *x2,
                           const float *x3, float *d) {
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
            d[i * n + j] = fabsf(x0[i] - x0[j]) + fabsf(x1[i] - x1[j]) + fabsf(x2[i] - x2[j]) +
                           fabsf(x3[i] - x3[j]);
        }
    }
}
