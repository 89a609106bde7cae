/* y = A x for an n x n matrix stored by diagonals: diagonal d has offset off[d] and its
   values in data[d * n + i] (row i, column i + off[d]; entries outside the matrix ignored). */
// regrapht: size ndiag=9
// regrapht: range off=-40:40; length off=ndiag data=ndiag*n x=n y=n
void dia_spmv_f32(int n, int ndiag, const int *off, const float *data, const float *x,
                  float *y) {
    for (int i = 0; i < n; i++) {
        float s = 0.0f;
        for (int d = 0; d < ndiag; d++) {
            int j = i + off[d];
            if (j >= 0 && j < n) s += data[d * n + i] * x[j];
        }
        y[i] = s;
    }
}
