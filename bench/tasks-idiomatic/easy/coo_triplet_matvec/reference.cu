// y = A x from unsorted COO triplets.
// Expert steps, in the order they were added:
//  1. thread mapping: one thread per triplet (in a grid-sized loop) computes val * x[col];
//     the launcher zeroes y first (cudaMemsetAsync: 0.0 is all-zero bytes).
//  2. atomic accumulation: the products of triplets of the same row meet in y[row] through
//     double-precision atomicAdd (native since sm_60); rows are random, so contention is low.
//     The sums come out in another order than the sequential loop's: equal within the float64
//     tolerance.
__global__ void coo_matvec_kernel(const Triplet *__restrict__ A, size_t nnz,
                                  const double *__restrict__ x, size_t ncols,
                                  double *__restrict__ y, size_t nrows) {
    for (size_t k = (size_t)blockIdx.x * blockDim.x + threadIdx.x; k < nnz;
         k += (size_t)gridDim.x * blockDim.x) {
        const Triplet t = A[k];
        if (t.row < 0 || t.col < 0 || (size_t)t.row >= nrows || (size_t)t.col >= ncols) continue;
        atomicAdd(&y[t.row], t.val * x[t.col]);
    }
}

void coo_triplet_matvec_device(const Triplet *A, size_t A_size, const double *x, size_t x_size,
                               double *y, size_t y_size) {
    if (y_size == 0) return;
    cudaMemsetAsync(y, 0, y_size * sizeof(double));
    if (A_size == 0) return;
    size_t blocks = (A_size + 255) / 256;
    if (blocks > 4096) blocks = 4096;
    coo_matvec_kernel<<<(unsigned)blocks, 256>>>(A, A_size, x, x_size, y, y_size);
}
