// One thread per row, summing the row's values in order.
__global__ void csr_row_sums_kernel(int nrows, const int *row_ptr, const float *val,
                                    float *row_sum) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < nrows) {
        float s = 0.0f;
        for (int j = row_ptr[i]; j < row_ptr[i + 1]; j++) s += val[j];
        row_sum[i] = s;
    }
}

void csr_row_sums_f32_device(int nrows, const int *row_ptr, const float *val, float *row_sum) {
    if (nrows <= 0) return;
    const int block = 256;
    csr_row_sums_kernel<<<(unsigned)(((long long)nrows + block - 1) / block), block>>>(
        nrows, row_ptr, val, row_sum);
}
