#include <math.h>

// One thread per body i; the loop over all bodies j stays sequential in the thread, in the same
// order as the C code.
__global__ void nbody_kernel(int n, const float *x, const float *y, const float *mass, float eps2,
                             float *ax, float *ay) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    float xi = x[i], yi = y[i];
    float sx = 0.0f, sy = 0.0f;
    for (int j = 0; j < n; j++) {
        float dx = x[j] - xi;
        float dy = y[j] - yi;
        float r2 = dx * dx + dy * dy + eps2;
        float inv = 1.0f / sqrtf(r2);
        float f = mass[j] * inv * inv * inv;
        sx += f * dx;
        sy += f * dy;
    }
    ax[i] = sx;
    ay[i] = sy;
}

void nbody_accel_2d_f32_device(int n, const float *x, const float *y, const float *mass,
                               float eps2, float *ax, float *ay) {
    if (n <= 0) return;
    int block = 256;
    nbody_kernel<<<(n + block - 1) / block, block>>>(n, x, y, mass, eps2, ax, ay);
}
