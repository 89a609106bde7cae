// 2D mapping over the input: x over the columns c (contiguous), y over the rows r. Reads are
// coalesced; writes at[c * rows + r] are strided by rows. gridDim.y is capped at 65535 and
// rows beyond it are covered by looping over y.
__global__ void transpose_kernel(int rows, int cols, const double *a, double *at) {
    int c = blockIdx.x * blockDim.x + threadIdx.x;
    if (c >= cols) return;
    for (int r = blockIdx.y * blockDim.y + threadIdx.y; r < rows; r += gridDim.y * blockDim.y)
        at[(size_t)c * rows + r] = a[(size_t)r * cols + c];
}

void transpose_f64_device(int rows, int cols, const double *a, double *at) {
    if (rows <= 0 || cols <= 0) return;
    dim3 block(32, 8);
    unsigned gy = (unsigned)((rows + 7) / 8);
    if (gy > 65535u) gy = 65535u;
    dim3 grid((unsigned)((cols + 31) / 32), gy);
    transpose_kernel<<<grid, block>>>(rows, cols, a, at);
}
