#include <math.h>

/* Gaussian (RBF) kernel matrix between n points a and m points b in 3D (xyz interleaved):
   K[i * m + j] = exp(-gamma * |a_i - b_j|^2). */
// regrapht: range gamma=0.1:2
// regrapht: length a=3*n b=3*m
void rbf_kernel_3d_f32(int n, int m, const float *a, const float *b, float gamma, float *K) {
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < m; j++) {
            float dx = a[3 * i] - b[3 * j];
            float dy = a[3 * i + 1] - b[3 * j + 1];
            float dz = a[3 * i + 2] - b[3 * j + 2];
            K[i * m + j] = expf(-gamma * (dx * dx + dy * dy + dz * dz));
        }
    }
}
