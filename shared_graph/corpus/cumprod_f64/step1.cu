// Hillis-Steele scan with multiplication in global memory: pass k multiplies by the element
// 2^k places back; passes ping-pong between y and a temporary array so the last writes y.
// A product's rounding error grows with the number of factors, not with their grouping, so
// the regrouped products stay within a few ulps per factor of the sequential ones.
__global__ void hs_pass(int n, int d, const double *src, double *dst) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) dst[i] = (i >= d) ? src[i - d] * src[i] : src[i];
}

void cumprod_f64_device(int n, const double *x, double *y) {
    if (n <= 0) return;
    int passes = 0;
    for (long long d = 1; d < n; d <<= 1) passes++;
    if (passes == 0) passes = 1;  // n == 1: one pass copies x to y
    double *tmp = nullptr;
    cudaMalloc(&tmp, (size_t)n * sizeof(double));
    int block = 256, grid = (n + block - 1) / block;
    const double *src = x;
    long long d = 1;
    for (int p = 0; p < passes; p++, d <<= 1) {
        double *dst = ((passes - 1 - p) % 2 == 0) ? y : tmp;  // the last pass writes y
        hs_pass<<<grid, block>>>(n, (int)d, src, dst);
        src = dst;
    }
    cudaFree(tmp);
}
