#include <math.h>

// One complex number per thread, loaded as one float2 (8-byte aligned: cudaMalloc'd base,
// even offset), so a warp reads 256 contiguous bytes in one transaction set.
__global__ void magnitude_kernel(int n, const float2 *__restrict__ z, float *__restrict__ mag) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    float2 c = z[i];
    mag[i] = hypotf(c.x, c.y);
}

void complex_magnitude_f32_device(int n, const float *z, float *mag) {
    if (n <= 0) return;
    magnitude_kernel<<<(n + 255) / 256, 256>>>(n, (const float2 *)z, mag);
}
