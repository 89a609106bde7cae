#include <math.h>

// As step 3, with the interaction loop unrolled: full tiles (every tile but possibly the last)
// take a loop with the compile-time trip count BLOCK, unrolled by 8, so the shared loads and
// the independent rsqrtf / multiply-add chains of several bodies overlap; the partial last
// tile keeps the counted loop.
#define BLOCK 256

__device__ __forceinline__ void interact(float xj, float yj, float mj, float xi, float yi,
                                         float eps2, float &sx, float &sy) {
    float dx = xj - xi;
    float dy = yj - yi;
    float r2 = dx * dx + dy * dy + eps2;
    float inv = rsqrtf(r2);
    float f = mj * inv * inv * inv;
    sx += f * dx;
    sy += f * dy;
}

__global__ void nbody_unrolled_kernel(int n, const float *__restrict__ x,
                                      const float *__restrict__ y, const float *__restrict__ mass,
                                      float eps2, float *__restrict__ ax, float *__restrict__ ay) {
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
        if (cnt == BLOCK) {
#pragma unroll 8
            for (int t = 0; t < BLOCK; t++)
                interact(sxp[t], syp[t], smass[t], xi, yi, eps2, sx, sy);
        } else {
            for (int t = 0; t < cnt; t++)
                interact(sxp[t], syp[t], smass[t], xi, yi, eps2, sx, sy);
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
    nbody_unrolled_kernel<<<(n + BLOCK - 1) / BLOCK, BLOCK>>>(n, x, y, mass, eps2, ax, ay);
}
