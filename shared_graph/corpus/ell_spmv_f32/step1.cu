// One thread per row, walking its k slots (row-major ELL, padding slots have col < 0).
__global__ void ell_spmv_row_kernel(int n, int k, const int *col, const float *val,
                                    const float *x, float *y) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) {
        long long base = (long long)i * k;
        float sum = 0.0f;
        for (int j = 0; j < k; j++) {
            int c = col[base + j];
            if (c >= 0) sum += val[base + j] * x[c];
        }
        y[i] = sum;
    }
}

void ell_spmv_f32_device(int n, int k, const int *col, const float *val, const float *x,
                         float *y) {
    if (n <= 0) return;
    const int block = 256;
    ell_spmv_row_kernel<<<(unsigned)(((long long)n + block - 1) / block), block>>>(n, k, col,
                                                                                  val, x, y);
}
