#include <math.h>

// One element per thread; x is read once through the read-only data cache (__ldg).
__global__ void quantize_kernel(int n, const float *__restrict__ x, float scale, int zero_point,
                                unsigned char *__restrict__ q) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    int v = (int)roundf(__ldg(x + i) / scale) + zero_point;  // IEEE division, as on the CPU
    v = min(max(v, 0), 255);
    q[i] = (unsigned char)v;
}

void quantize_u8_device(int n, const float *x, float scale, int zero_point, unsigned char *q) {
    if (n <= 0) return;
    quantize_kernel<<<(n + 255) / 256, 256>>>(n, x, scale, zero_point, q);
}
