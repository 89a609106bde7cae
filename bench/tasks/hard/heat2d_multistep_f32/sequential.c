#include <stdlib.h>

/* `steps` explicit time steps of the 2D heat equation on an n x m grid (row-major) with a fixed
   boundary: every interior point becomes
     u[i][j] + alpha * (u[i-1][j] + u[i+1][j] + u[i][j-1] + u[i][j+1] - 4 u[i][j]),
   all points updated from the previous state (Jacobi); boundary points keep their values.
   u0 is the initial state, u receives the state after the last step. */
// regrapht: size steps=8
// regrapht: range alpha=0.05:0.2
// regrapht: length u0=n*m u=n*m
void heat2d_multistep_f32(int n, int m, int steps, float alpha, const float *u0, float *u) {
    int size = n * m;
    float *tmp = (float *)malloc((size_t)size * sizeof(float));
    float *cur = u, *nxt = tmp;
    for (int k = 0; k < size; k++) u[k] = u0[k];
    for (int s = 0; s < steps; s++) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                int k = i * m + j;
                if (i == 0 || j == 0 || i == n - 1 || j == m - 1)
                    nxt[k] = cur[k];
                else
                    nxt[k] = cur[k] + alpha * (cur[k - m] + cur[k + m] + cur[k - 1] + cur[k + 1] -
                                               4.0f * cur[k]);
            }
        }
        float *t = cur;
        cur = nxt;
        nxt = t;
    }
    if (cur != u)
        for (int k = 0; k < size; k++) u[k] = cur[k];
    free(tmp);
}
