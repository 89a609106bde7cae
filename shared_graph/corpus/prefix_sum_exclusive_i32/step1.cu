// A first pass shifts x one place right (y[i] = x[i-1], 0 at the front); Hillis-Steele passes
// in global memory then turn that into its inclusive scan, which is the exclusive scan of x.
// Passes ping-pong between y and a temporary array so that the last one writes y.
__global__ void shift_right(int n, const int *x, int *dst) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) dst[i] = (i > 0) ? x[i - 1] : 0;
}

__global__ void hs_pass(int n, int d, const int *src, int *dst) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) dst[i] = (i >= d) ? src[i - d] + src[i] : src[i];
}

void prefix_sum_exclusive_i32_device(int n, const int *x, int *y) {
    if (n <= 0) return;
    int passes = 1;  // the shift
    for (long long d = 1; d < n; d <<= 1) passes++;
    int *tmp = nullptr;
    cudaMalloc(&tmp, (size_t)n * sizeof(int));
    int block = 256, grid = (n + block - 1) / block;
    int *dst = ((passes - 1) % 2 == 0) ? y : tmp;
    shift_right<<<grid, block>>>(n, x, dst);
    const int *src = dst;
    long long d = 1;
    for (int p = 1; p < passes; p++, d <<= 1) {
        dst = ((passes - 1 - p) % 2 == 0) ? y : tmp;  // the last pass writes y
        hs_pass<<<grid, block>>>(n, (int)d, src, dst);
        src = dst;
    }
    cudaFree(tmp);
}
