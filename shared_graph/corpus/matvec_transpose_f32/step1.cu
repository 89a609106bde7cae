// One thread per output column j: y[j] = sum_i A[i][j] * x[i]. In each step of the loop the
// threads of a warp read consecutive columns of the same row, so the loads are coalesced.
__global__ void matvec_t_col_kernel(int n, int m, const float *A, const float *x, float *y) {
    int j = blockIdx.x * blockDim.x + threadIdx.x;
    if (j < m) {
        float sum = 0.0f;
        for (int i = 0; i < n; i++) sum += A[(size_t)i * m + j] * x[i];
        y[j] = sum;
    }
}

void matvec_transpose_f32_device(int n, int m, const float *A, const float *x, float *y) {
    if (m <= 0) return;
    int block = 256;
    matvec_t_col_kernel<<<(m + block - 1) / block, block>>>(n, m, A, x, y);
}
