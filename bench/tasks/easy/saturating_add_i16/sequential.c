/* z = a + b clamped to the int16 range (audio mixing without wrap-around). */
// regrapht: range a=-32768:32767 b=-32768:32767
void saturating_add_i16(int n, const short *a, const short *b, short *z) {
    for (int i = 0; i < n; i++) {
        int s = (int)a[i] + (int)b[i];
        if (s > 32767) s = 32767;
        if (s < -32768) s = -32768;
        z[i] = (short)s;
    }
}
