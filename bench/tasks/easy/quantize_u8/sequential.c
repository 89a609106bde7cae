#include <math.h>

/* q = clamp(round(x / scale) + zero_point, 0, 255), the affine 8-bit quantization of
   inference runtimes (round half away from zero, as C's roundf). */
// regrapht: range x=-2:2 scale=0.01:0.05 zero_point=0:255
void quantize_u8(int n, const float *x, float scale, int zero_point, unsigned char *q) {
    for (int i = 0; i < n; i++) {
        int v = (int)roundf(x[i] / scale) + zero_point;
        if (v < 0) v = 0;
        if (v > 255) v = 255;
        q[i] = (unsigned char)v;
    }
}
