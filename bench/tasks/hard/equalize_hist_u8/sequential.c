/* Histogram equalisation of an 8-bit grayscale image of n pixels (a low-contrast one here):
   count the grey levels, build the cumulative histogram cdf, and map every pixel through
     lut[v] = round((cdf[v] - cdf_min) * 255 / (n - cdf_min)),
   cdf_min being the count of the darkest grey level present; all in integer arithmetic (the
   rounding is (a + d / 2) / d). An image of a single grey level is left unchanged. */
// regrapht: range img=20:140
// regrapht: length img=n out=n
void equalize_hist_u8(int n, const unsigned char *img, unsigned char *out) {
    unsigned int hist[256];
    unsigned char lut[256];
    for (int v = 0; v < 256; v++) hist[v] = 0;
    for (int i = 0; i < n; i++) hist[img[i]]++;
    unsigned int cdf_min = 0;
    for (int v = 0; v < 256; v++) {
        if (hist[v] != 0) {
            cdf_min = hist[v];
            break;
        }
    }
    unsigned int total = (unsigned int)n;
    unsigned int cdf = 0;
    for (int v = 0; v < 256; v++) {
        cdf += hist[v];
        if (total == cdf_min)
            lut[v] = (unsigned char)v;
        else if (cdf <= cdf_min)
            lut[v] = 0;
        else
            lut[v] = (unsigned char)(((unsigned long long)(cdf - cdf_min) * 255u +
                                      (total - cdf_min) / 2) / (total - cdf_min));
    }
    for (int i = 0; i < n; i++) out[i] = lut[img[i]];
}
