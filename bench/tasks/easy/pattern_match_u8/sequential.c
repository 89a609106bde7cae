/* hit[i] = 1 where text[i .. i+m) equals the pattern, else 0 (positions past n - m are 0).
   Text and pattern are over a 4-letter alphabet (DNA-like), so matches are common. */
// regrapht: size m=8
// regrapht: range text=0:3 pat=0:3; length text=n hit=n pat=m
void pattern_match_u8(int n, int m, const unsigned char *text, const unsigned char *pat,
                      unsigned char *hit) {
    for (int i = 0; i < n; i++) {
        unsigned char ok = 0;
        if (i + m <= n) {
            ok = 1;
            for (int j = 0; j < m; j++) {
                if (text[i + j] != pat[j]) {
                    ok = 0;
                    break;
                }
            }
        }
        hit[i] = ok;
    }
}
