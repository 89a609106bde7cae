/* Discrete 5-point Laplacian of an n x m row-major grid (unit spacing). Interior points only;
   the boundary rows and columns of the result are set to 0. */
// regrapht: length u=n*m
void laplacian5_2d_f32(int n, int m, const float *u, float *lap) {
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < m; j++) {
            if (i == 0 || j == 0 || i == n - 1 || j == m - 1) {
                lap[i * m + j] = 0.0f;
            } else {
                lap[i * m + j] = u[(i - 1) * m + j] + u[(i + 1) * m + j] + u[i * m + j - 1] +
                                 u[i * m + j + 1] - 4.0f * u[i * m + j];
            }
        }
    }
}
