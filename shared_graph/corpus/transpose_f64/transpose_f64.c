/* Out-of-place transpose of a double matrix: a is rows x cols (row-major), at is cols x rows. */
void transpose_f64(int rows, int cols, const double *a, double *at) {
    for (int r = 0; r < rows; r++)
        for (int c = 0; c < cols; c++)
            at[(long)c * rows + r] = a[(long)r * cols + c];
}
