/* Summed-area table (integral image) of an h x w 8-bit image, row-major:
   sat[i][j] = sum of img[r][c] over all r <= i and c <= j, in unsigned 32-bit arithmetic
   (wrapping modulo 2^32 on huge images). */
// regrapht: length img=h*w sat=h*w
void integral_image_u8(int h, int w, const unsigned char *img, unsigned int *sat) {
    for (int i = 0; i < h; i++) {
        unsigned int row = 0;
        for (int j = 0; j < w; j++) {
            row += img[i * w + j];
            sat[i * w + j] = i > 0 ? sat[(i - 1) * w + j] + row : row;
        }
    }
}
