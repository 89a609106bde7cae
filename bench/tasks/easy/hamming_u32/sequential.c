/* Number of differing bits between a[i] and b[i] (bit loop, as portable C would write it). */
// regrapht: range a=0:4294967295 b=0:4294967295
void hamming_u32(int n, const unsigned int *a, const unsigned int *b, int *dist) {
    for (int i = 0; i < n; i++) {
        unsigned int x = a[i] ^ b[i];
        int c = 0;
        while (x) {
            c += x & 1u;
            x >>= 1;
        }
        dist[i] = c;
    }
}
