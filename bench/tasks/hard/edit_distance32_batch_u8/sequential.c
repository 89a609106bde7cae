/* Levenshtein edit distance (insertions, deletions, substitutions, each of cost 1) of npairs
   pairs of 32-symbol strings: dist[p] = distance between a[p*32 .. p*32+31] and
   b[p*32 .. p*32+31] (symbols 0..3, as in DNA reads). One DP row, updated in place. */
// regrapht: range a=0:3 b=0:3; length a=npairs*32 b=npairs*32 dist=npairs
void edit_distance32_batch_u8(int npairs, const unsigned char *a, const unsigned char *b,
                              int *dist) {
    for (int p = 0; p < npairs; p++) {
        int row[33];
        for (int j = 0; j <= 32; j++) row[j] = j;
        for (int i = 1; i <= 32; i++) {
            int diag = row[0];
            row[0] = i;
            for (int j = 1; j <= 32; j++) {
                int up = row[j];
                int best = diag + (a[p * 32 + i - 1] != b[p * 32 + j - 1]);
                if (up + 1 < best) best = up + 1;
                if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
                row[j] = best;
                diag = up;
            }
        }
        dist[p] = row[32];
    }
}
