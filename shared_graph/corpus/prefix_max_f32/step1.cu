#include <math.h>

// Hillis-Steele scan with fmaxf in global memory: pass k takes the max with the element 2^k
// places back; passes ping-pong between y and a temporary array so that the last writes y.
__global__ void hs_pass(int n, int d, const float *src, float *dst) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) dst[i] = (i >= d) ? fmaxf(src[i - d], src[i]) : src[i];
}

void prefix_max_f32_device(int n, const float *x, float *y) {
    if (n <= 0) return;
    int passes = 0;
    for (long long d = 1; d < n; d <<= 1) passes++;
    if (passes == 0) passes = 1;  // n == 1: one pass copies x to y
    float *tmp = nullptr;
    cudaMalloc(&tmp, (size_t)n * sizeof(float));
    int block = 256, grid = (n + block - 1) / block;
    const float *src = x;
    long long d = 1;
    for (int p = 0; p < passes; p++, d <<= 1) {
        float *dst = ((passes - 1 - p) % 2 == 0) ? y : tmp;  // the last pass writes y
        hs_pass<<<grid, block>>>(n, (int)d, src, dst);
        src = dst;
    }
    cudaFree(tmp);
}
