/* out is (2h) x (2w): out[y][x] samples in at ((y + 0.5) / 2 - 0.5, (x + 0.5) / 2 - 0.5)
   bilinearly, coordinates clamped to the image (align_corners = false, as in PyTorch). */
// regrapht: length in=h*w out=4*h*w
void upsample2x_bilinear_f32(int h, int w, const float *in, float *out) {
    for (int y = 0; y < 2 * h; y++) {
        float sy = (y + 0.5f) * 0.5f - 0.5f;
        if (sy < 0.0f) sy = 0.0f;
        int y0 = (int)sy;
        int y1 = y0 + 1 < h ? y0 + 1 : h - 1;
        float fy = sy - (float)y0;
        for (int x = 0; x < 2 * w; x++) {
            float sx = (x + 0.5f) * 0.5f - 0.5f;
            if (sx < 0.0f) sx = 0.0f;
            int x0 = (int)sx;
            int x1 = x0 + 1 < w ? x0 + 1 : w - 1;
            float fx = sx - (float)x0;
            float top = in[y0 * w + x0] * (1.0f - fx) + in[y0 * w + x1] * fx;
            float bot = in[y1 * w + x0] * (1.0f - fx) + in[y1 * w + x1] * fx;
            out[y * (2 * w) + x] = top * (1.0f - fy) + bot * fy;
        }
    }
}
