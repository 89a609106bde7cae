/* All-pairs Euclidean distances between n points in 3D (structure of arrays). */
#include <math.h>

void pairwise_distances(int n, const float *x, const float *y, const float *z, float *dist) {
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
            float dx = x[i] - x[j];
            float dy = y[i] - y[j];
            float dz = z[i] - z[j];
            dist[i * n + j] = sqrtf(dx * dx + dy * dy + dz * dz);
        }
    }
}
