/* out = the median of each pixel's 3x3 neighbourhood (insertion sort of the 9 values);
   border pixels are copied from the input. */
void median3x3_u8(int h, int w, const unsigned char *in, unsigned char *out) {
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++) {
            if (y == 0 || x == 0 || y == h - 1 || x == w - 1) {
                out[y * w + x] = in[y * w + x];
                continue;
            }
            unsigned char v[9];
            int c = 0;
            for (int dy = -1; dy <= 1; dy++)
                for (int dx = -1; dx <= 1; dx++) v[c++] = in[(y + dy) * w + (x + dx)];
            for (int a = 1; a < 9; a++) {
                unsigned char t = v[a];
                int b = a - 1;
                while (b >= 0 && v[b] > t) {
                    v[b + 1] = v[b];
                    b--;
                }
                v[b + 1] = t;
            }
            out[y * w + x] = v[4];
        }
}
