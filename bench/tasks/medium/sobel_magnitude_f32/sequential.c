#include <math.h>

/* Gradient magnitude sqrt(gx^2 + gy^2) with the 3x3 Sobel kernels on the interior of an
   h x w image; the one-pixel border is 0. */
// regrapht: length img=h*w mag=h*w
void sobel_magnitude_f32(int h, int w, const float *img, float *mag) {
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            if (y == 0 || x == 0 || y == h - 1 || x == w - 1) {
                mag[y * w + x] = 0.0f;
                continue;
            }
            const float *p = img + y * w + x;
            float gx = (p[-w + 1] + 2.0f * p[1] + p[w + 1]) - (p[-w - 1] + 2.0f * p[-1] + p[w - 1]);
            float gy = (p[w - 1] + 2.0f * p[w] + p[w + 1]) - (p[-w - 1] + 2.0f * p[-w] + p[-w + 1]);
            mag[y * w + x] = sqrtf(gx * gx + gy * gy);
        }
}
