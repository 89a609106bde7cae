#include <stdlib.h>

/* Thomas algorithm for `count` independent tridiagonal systems of size n, stored one after
   the other: system s has sub-diagonal a, diagonal b, super-diagonal c and right-hand side d
   at offsets s*n .. s*n+n-1 (a[s*n] and c[s*n+n-1] are not used). The diagonal dominates
   (|b| >= 2 >= |a| + |c|), so no pivoting is needed. */
// regrapht: range b=2:4
// regrapht: length a=count*n b=count*n c=count*n d=count*n x=count*n
void tridiag_batch_f32(int count, int n, const float *a, const float *b, const float *c,
                       const float *d, float *x) {
    float *cp = (float *)malloc((size_t)n * sizeof(float));
    for (int s = 0; s < count; s++) {
        int o = s * n;
        /* forward sweep: cp holds the modified super-diagonal, x the modified rhs */
        cp[0] = c[o] / b[o];
        x[o] = d[o] / b[o];
        for (int i = 1; i < n; i++) {
            float den = b[o + i] - a[o + i] * cp[i - 1];
            cp[i] = c[o + i] / den;
            x[o + i] = (d[o + i] - a[o + i] * x[o + i - 1]) / den;
        }
        /* back substitution */
        for (int i = n - 2; i >= 0; i--) x[o + i] -= cp[i] * x[o + i + 1];
    }
    free(cp);
}
