#include <math.h>

/* Selects the samples whose magnitude lies in the band [lo, hi): idx gets their positions and
   val their values, in their original order. Returns how many there are; idx and val past
   that count are left as they were. */
// regrapht: range lo=0.1:0.4 hi=0.5:0.9; length idx=n val=n
int select_band_indices_f32(int n, const float *x, float lo, float hi, int *idx, float *val) {
    int count = 0;
    for (int i = 0; i < n; i++) {
        float a = fabsf(x[i]);
        if (a >= lo && a < hi) {
            idx[count] = i;
            val[count] = x[i];
            count++;
        }
    }
    return count;
}
