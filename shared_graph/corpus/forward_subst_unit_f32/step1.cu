// Column-oriented forward substitution. x starts as a copy of b; once columns 0..j-1 have
// been eliminated, x[j] is final, and column j is then eliminated from all rows below it in
// parallel: x[i] -= L[i][j] * x[j] for i > j (one thread per row). The dependence from one
// column to the next is kept by launching one kernel per column on the same stream.
__global__ void copy_kernel(int n, const float *b, float *x) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) x[i] = b[i];
}

__global__ void eliminate_column_kernel(int n, int j, const float *L, float *x) {
    int i = j + 1 + blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) x[i] -= L[(size_t)i * n + j] * x[j];  // x[j] is not written by this launch
}

void forward_subst_unit_f32_device(int n, const float *L, const float *b, float *x) {
    if (n <= 0) return;
    int block = 256;
    copy_kernel<<<(n + block - 1) / block, block>>>(n, b, x);
    for (int j = 0; j < n - 1; j++) {
        int rows = n - 1 - j;
        eliminate_column_kernel<<<(rows + block - 1) / block, block>>>(n, j, L, x);
    }
}
