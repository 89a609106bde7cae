// One thread per row: thread i computes the dot product of row i with x.
__global__ void matvec_row_kernel(int n, int m, const float *A, const float *x, float *y) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) {
        const float *row = A + (size_t)i * m;
        float sum = 0.0f;
        for (int j = 0; j < m; j++) sum += row[j] * x[j];
        y[i] = sum;
    }
}

void matvec_f32_device(int n, int m, const float *A, const float *x, float *y) {
    if (n <= 0) return;
    int block = 256;
    matvec_row_kernel<<<(n + block - 1) / block, block>>>(n, m, A, x, y);
}
