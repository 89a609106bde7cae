#include <math.h>

/* 5 x 5 bilateral filter of an h x w grayscale image (row-major), clamp-to-edge borders:
   every output pixel is the average of its 5 x 5 neighbourhood weighted by
   exp(-dist^2 / (2 sigma_s^2) - (v - centre)^2 / (2 sigma_r^2)), which smooths noise but keeps
   edges. sigma_s = 1.5 pixels, sigma_r = 0.2 (intensities in 0..1). */
// regrapht: range img=0:1; length img=h*w out=h*w
void bilateral5x5_clamp_f32(int h, int w, const float *img, float *out) {
    const float inv_2ss = 1.0f / (2.0f * 1.5f * 1.5f);
    const float inv_2rr = 1.0f / (2.0f * 0.2f * 0.2f);
    for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
            float c = img[y * w + x];
            float num = 0.0f, den = 0.0f;
            for (int dy = -2; dy <= 2; dy++) {
                int yy = y + dy < 0 ? 0 : (y + dy >= h ? h - 1 : y + dy);
                for (int dx = -2; dx <= 2; dx++) {
                    int xx = x + dx < 0 ? 0 : (x + dx >= w ? w - 1 : x + dx);
                    float v = img[yy * w + xx];
                    float d = v - c;
                    float wgt = expf(-(float)(dx * dx + dy * dy) * inv_2ss - d * d * inv_2rr);
                    num += wgt * v;
                    den += wgt;
                }
            }
            out[y * w + x] = num / den;
        }
    }
}
