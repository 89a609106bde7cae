// One thread per nonzero: y[row] += val * x[col] with a float atomic, since several nonzeros of
// the same row (in any order) update the same y element.
__global__ void coo_spmv_kernel(int nnz, const int *row, const int *col, const float *val,
                                const float *x, float *y) {
    long long e = (long long)blockIdx.x * blockDim.x + threadIdx.x;
    if (e < nnz) atomicAdd(&y[row[e]], val[e] * x[col[e]]);
}

void coo_spmv_accumulate_device(int nnz, const int *row, const int *col, const float *val,
                                const float *x, int n, float *y) {
    if (nnz <= 0 || n <= 0) return;
    const int block = 256;
    coo_spmv_kernel<<<(unsigned)(((long long)nnz + block - 1) / block), block>>>(nnz, row, col,
                                                                                val, x, y);
}
