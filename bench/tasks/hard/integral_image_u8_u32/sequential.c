/* Integral image (summed-area table) of an h x w 8-bit image (row-major):
   sat[i][j] = sum of img[a][b] over a <= i, b <= j. Sums are unsigned 32-bit (they wrap
   modulo 2^32 for images of more than 16.8 million pixels, as in any uint32 table). */
// regrapht: range img=0:255
// regrapht: length img=h*w sat=h*w
void integral_image_u8_u32(int h, int w, const unsigned char *img, unsigned int *sat) {
    for (int i = 0; i < h; i++) {
        unsigned int row = 0;
        for (int j = 0; j < w; j++) {
            row += img[i * w + j];
            sat[i * w + j] = row + (i > 0 ? sat[(i - 1) * w + j] : 0u);
        }
    }
}
