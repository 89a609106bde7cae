/* Luma of an interleaved 8-bit RGB image of npix pixels (ITU-R BT.601 weights). */
// regrapht: length rgb=3*npix
void rgb_to_gray(int npix, const unsigned char *rgb, float *gray) {
    for (int i = 0; i < npix; i++) {
        float r = rgb[3 * i], g = rgb[3 * i + 1], b = rgb[3 * i + 2];
        gray[i] = 0.299f * r + 0.587f * g + 0.114f * b;
    }
}
