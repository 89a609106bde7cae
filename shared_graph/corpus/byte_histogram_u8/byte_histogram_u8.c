/* Histogram of byte values: hist[v] = number of i with data[i] == v, for v in 0..255. */
// regrapht: length hist=256
void byte_histogram_u8(int n, const unsigned char *data, int *hist) {
    for (int b = 0; b < 256; b++) hist[b] = 0;
    for (int i = 0; i < n; i++) hist[data[i]]++;
}
