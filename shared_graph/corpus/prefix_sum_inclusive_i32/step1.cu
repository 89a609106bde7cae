// Hillis-Steele scan in global memory: pass k adds the element 2^k places back, ping-ponging
// between y and a temporary array; after ceil(log2 n) passes every element holds its prefix.
__global__ void hs_pass(int n, int d, const int *src, int *dst) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) dst[i] = (i >= d) ? src[i - d] + src[i] : src[i];
}

void prefix_sum_inclusive_i32_device(int n, const int *x, int *y) {
    if (n <= 0) return;
    int passes = 0;
    for (long long d = 1; d < n; d <<= 1) passes++;
    if (passes == 0) passes = 1;  // n == 1: one pass copies x to y
    int *tmp = nullptr;
    cudaMalloc(&tmp, (size_t)n * sizeof(int));
    int block = 256, grid = (n + block - 1) / block;
    const int *src = x;
    long long d = 1;
    for (int p = 0; p < passes; p++, d <<= 1) {
        int *dst = ((passes - 1 - p) % 2 == 0) ? y : tmp;  // the last pass writes y
        hs_pass<<<grid, block>>>(n, (int)d, src, dst);
        src = dst;
    }
    cudaFree(tmp);
}
