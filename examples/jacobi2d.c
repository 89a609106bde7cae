/* One Jacobi sweep of the 2D Laplace equation on an n x m grid (interior points only). */
void jacobi2d(int n, int m, const double *u, double *unew) {
    for (int i = 1; i < n - 1; i++) {
        for (int j = 1; j < m - 1; j++) {
            unew[i * m + j] = 0.25 * (u[(i - 1) * m + j] + u[(i + 1) * m + j] +
                                      u[i * m + j - 1] + u[i * m + j + 1]);
        }
    }
}
