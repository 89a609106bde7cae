/* Conjugate transpose of a complex rows x cols matrix stored row-major with interleaved
   (re, im) floats: b (cols x rows) = a^H, i.e. b[j][i] = conj(a[i][j]). */
// regrapht: length a=2*rows*cols b=2*rows*cols
void conj_transpose_c32(int rows, int cols, const float *a, float *b) {
    for (int i = 0; i < rows; i++) {
        for (int j = 0; j < cols; j++) {
            b[2 * (j * rows + i)] = a[2 * (i * cols + j)];
            b[2 * (j * rows + i) + 1] = -a[2 * (i * cols + j) + 1];
        }
    }
}
