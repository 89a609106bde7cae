/* u_next = 2 u - u_prev + c2 * laplacian(u) inside an n x m grid (row-major); the boundary
   keeps u's values (fixed ends). c2 = (c dt / dx)^2. */
// regrapht: range c2=0.05:0.25; length u=n*m u_prev=n*m u_next=n*m
void wave2d_step_f32(int n, int m, const float *u, const float *u_prev, float c2,
                     float *u_next) {
    for (int i = 0; i < n; i++)
        for (int j = 0; j < m; j++) {
            int k = i * m + j;
            if (i == 0 || j == 0 || i == n - 1 || j == m - 1) {
                u_next[k] = u[k];
            } else {
                float lap = u[k - m] + u[k + m] + u[k - 1] + u[k + 1] - 4.0f * u[k];
                u_next[k] = 2.0f * u[k] - u_prev[k] + c2 * lap;
            }
        }
}
