/* Joint histogram of two byte images, 16 x 16 bins: bin (a >> 4, b >> 4). */
// regrapht: length hist=256
void joint_histogram_16x16(int n, const unsigned char *a, const unsigned char *b, int *hist) {
    for (int k = 0; k < 256; k++) hist[k] = 0;
    for (int i = 0; i < n; i++) {
        int ba = a[i] >> 4;
        int bb = b[i] >> 4;
        hist[ba * 16 + bb]++;
    }
}
