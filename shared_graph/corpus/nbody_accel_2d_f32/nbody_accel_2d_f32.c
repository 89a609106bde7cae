#include <math.h>

/* Gravitational accelerations of n bodies in 2D (G = 1) with Plummer softening eps2:
   a_i = sum_j m_j (r_j - r_i) / (|r_j - r_i|^2 + eps2)^(3/2). The j == i term is zero. */
// regrapht: range eps2=0.01:0.1 mass=0:1
void nbody_accel_2d_f32(int n, const float *x, const float *y, const float *mass, float eps2,
                        float *ax, float *ay) {
    for (int i = 0; i < n; i++) {
        float sx = 0.0f, sy = 0.0f;
        for (int j = 0; j < n; j++) {
            float dx = x[j] - x[i];
            float dy = y[j] - y[i];
            float r2 = dx * dx + dy * dy + eps2;
            float inv = 1.0f / sqrtf(r2);
            float f = mass[j] * inv * inv * inv;
            sx += f * dx;
            sy += f * dy;
        }
        ax[i] = sx;
        ay[i] = sy;
    }
}
