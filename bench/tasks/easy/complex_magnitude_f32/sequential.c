#include <math.h>

/* |z| of n complex numbers stored interleaved (re, im, re, im, ...), with hypotf so that
   large components do not overflow when squared. */
// regrapht: length z=2*n mag=n
void complex_magnitude_f32(int n, const float *z, float *mag) {
    for (int i = 0; i < n; i++) mag[i] = hypotf(z[2 * i], z[2 * i + 1]);
}
