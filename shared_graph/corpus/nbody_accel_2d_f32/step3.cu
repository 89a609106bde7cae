#include <math.h>

// As step 2, with the IEEE-exact 1.0f / sqrtf(r2) (a square root and a division, both
// multi-instruction sequences) replaced by the hardware reciprocal square root rsqrtf.
#define BLOCK 256

__global__ void nbody_tiled_kernel(int n, const float *__restrict__ x, const float *__restrict__ y,
                                   const float *__restrict__ mass, float eps2,
                                   float *__restrict__ ax, float *__restrict__ ay) {
    __shared__ float sxp[BLOCK], syp[BLOCK], smass[BLOCK];
    int i = blockIdx.x * BLOCK + threadIdx.x;
    float xi = i < n ? x[i] : 0.0f;
    float yi = i < n ? y[i] : 0.0f;
    float sx = 0.0f, sy = 0.0f;
    for (int base = 0; base < n; base += BLOCK) {  // block-uniform
        int j = base + threadIdx.x;
        __syncthreads();
        if (j < n) {
            sxp[threadIdx.x] = x[j];
            syp[threadIdx.x] = y[j];
            smass[threadIdx.x] = mass[j];
        }
        __syncthreads();
        int cnt = min(BLOCK, n - base);
        for (int t = 0; t < cnt; t++) {
            float dx = sxp[t] - xi;
            float dy = syp[t] - yi;
            float r2 = dx * dx + dy * dy + eps2;
            float inv = rsqrtf(r2);
            float f = smass[t] * inv * inv * inv;
            sx += f * dx;
            sy += f * dy;
        }
    }
    if (i < n) {
        ax[i] = sx;
        ay[i] = sy;
    }
}

void nbody_accel_2d_f32_device(int n, const float *x, const float *y, const float *mass,
                               float eps2, float *ax, float *ay) {
    if (n <= 0) return;
    nbody_tiled_kernel<<<(n + BLOCK - 1) / BLOCK, BLOCK>>>(n, x, y, mass, eps2, ax, ay);
}
