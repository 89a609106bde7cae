/* count[k] = how many of the n keys equal k, for keys in 0..4095 (12-bit sensor values). */
// regrapht: range key=0:4095; length count=4096
void histogram_4096_u16(int n, const unsigned short *key, int *count) {
    for (int k = 0; k < 4096; k++) count[k] = 0;
    for (int i = 0; i < n; i++) count[key[i] & 4095]++;
}
