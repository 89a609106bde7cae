// One warp per row: the 32 lanes read consecutive elements of the row (coalesced), each keeps
// a partial sum, and the partial sums are combined with warp shuffles.
__global__ void matvec_warp_kernel(int n, int m, const float *A, const float *x, float *y) {
    int lane = threadIdx.x & 31;
    int row = blockIdx.x * (blockDim.x >> 5) + (threadIdx.x >> 5);
    if (row >= n) return;  // row is the same for the whole warp: all 32 lanes stay together
    const float *a = A + (size_t)row * m;
    float sum = 0.0f;
    for (int j = lane; j < m; j += 32) sum += a[j] * x[j];
    for (int off = 16; off > 0; off >>= 1) sum += __shfl_down_sync(0xffffffffu, sum, off);
    if (lane == 0) y[row] = sum;
}

void matvec_f32_device(int n, int m, const float *A, const float *x, float *y) {
    if (n <= 0) return;
    int block = 256;  // 8 warps = 8 rows per block
    int rows_per_block = block / 32;
    matvec_warp_kernel<<<(n + rows_per_block - 1) / rows_per_block, block>>>(n, m, A, x, y);
}
