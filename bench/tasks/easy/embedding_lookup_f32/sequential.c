/* out[i][j] = table[ids[i]][j]: the rows of a vocab x d embedding table for n token ids. */
// regrapht: size vocab=1000 d=128
// regrapht: range ids=0:999; length table=vocab*d ids=n out=n*d
void embedding_lookup_f32(int n, int vocab, int d, const float *table, const int *ids,
                          float *out) {
    for (int i = 0; i < n; i++) {
        int row = ids[i];
        for (int j = 0; j < d; j++) out[i * d + j] = table[row * d + j];
    }
}
