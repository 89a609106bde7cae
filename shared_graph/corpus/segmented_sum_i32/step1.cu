// The segmented sum is a scan over (flag, value) pairs with the associative operator
//   (fa, va) + (fb, vb) = (fa | fb, fb ? vb : va + vb)
// (a flag on the right cuts off everything on its left). Hillis-Steele passes in global
// memory apply it to the pair 2^k places back, ping-ponging values between y and a
// temporary array (and flags between two temporary arrays) so that the last pass writes y.
__global__ void seg_pass(int n, int d, const int *src_v, const unsigned char *src_f,
                         int *dst_v, unsigned char *dst_f) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) {
        int v = src_v[i];
        unsigned char f = src_f[i] ? 1 : 0;
        if (i >= d && !f) {
            v += src_v[i - d];
            f = src_f[i - d] ? 1 : 0;
        }
        dst_v[i] = v;
        dst_f[i] = f;
    }
}

void segmented_sum_i32_device(int n, const int *x, const unsigned char *flags, int *y) {
    if (n <= 0) return;
    int passes = 0;
    for (long long d = 1; d < n; d <<= 1) passes++;
    if (passes == 0) passes = 1;  // n == 1: one pass copies x to y
    int *tmp_v = nullptr;
    unsigned char *tmp_f = nullptr;
    cudaMalloc(&tmp_v, (size_t)n * sizeof(int));
    cudaMalloc(&tmp_f, 2 * (size_t)n);
    int block = 256, grid = (n + block - 1) / block;
    const int *src_v = x;
    const unsigned char *src_f = flags;
    long long d = 1;
    for (int p = 0; p < passes; p++, d <<= 1) {
        int *dst_v = ((passes - 1 - p) % 2 == 0) ? y : tmp_v;  // the last pass writes y
        unsigned char *dst_f = tmp_f + (size_t)(p % 2) * n;
        seg_pass<<<grid, block>>>(n, (int)d, src_v, src_f, dst_v, dst_f);
        src_v = dst_v;
        src_f = dst_f;
    }
    cudaFree(tmp_v);
    cudaFree(tmp_f);
}
