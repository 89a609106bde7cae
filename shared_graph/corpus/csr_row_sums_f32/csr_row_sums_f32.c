/* Sum of the stored values of every row of a CSR matrix. */
void csr_row_sums_f32(int nrows, const int *row_ptr, const float *val, float *row_sum) {
    for (int i = 0; i < nrows; i++) {
        float s = 0.0f;
        for (int j = row_ptr[i]; j < row_ptr[i + 1]; j++) s += val[j];
        row_sum[i] = s;
    }
}
