/* For each RGBA pixel: c = (c * a + 127) / 255 for r, g, b; alpha unchanged. */
// regrapht: length px=4*n out=4*n
void premultiply_rgba_u8(int n, const unsigned char *px, unsigned char *out) {
    for (int i = 0; i < n; i++) {
        unsigned int a = px[4 * i + 3];
        for (int c = 0; c < 3; c++) out[4 * i + c] = (unsigned char)((px[4 * i + c] * a + 127) / 255);
        out[4 * i + 3] = (unsigned char)a;
    }
}
