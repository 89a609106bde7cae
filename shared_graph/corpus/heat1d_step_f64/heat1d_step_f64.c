/* One explicit (FTCS) step of the 1D heat equation u_t = alpha u_xx, with r = alpha dt / dx^2.
   Interior points are updated, the two boundary values are copied (Dirichlet). */
// regrapht: range r=0:0.5
void heat1d_step_f64(int n, double r, const double *u, double *u_new) {
    if (n <= 0) return;
    u_new[0] = u[0];
    for (int i = 1; i < n - 1; i++)
        u_new[i] = u[i] + r * (u[i - 1] - 2.0 * u[i] + u[i + 1]);
    if (n > 1) u_new[n - 1] = u[n - 1];
}
