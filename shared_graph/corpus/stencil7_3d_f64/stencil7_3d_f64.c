/* 7-point 3D stencil on an n x m x p grid (row-major, k fastest):
   out = c0 * centre + c1 * (sum of the six face neighbours) at interior points; boundary
   points are copied unchanged. */
// regrapht: length in=n*m*p out=n*m*p
void stencil7_3d_f64(int n, int m, int p, double c0, double c1, const double *in, double *out) {
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < m; j++) {
            for (int k = 0; k < p; k++) {
                long idx = ((long)i * m + j) * p + k;
                if (i == 0 || j == 0 || k == 0 || i == n - 1 || j == m - 1 || k == p - 1) {
                    out[idx] = in[idx];
                } else {
                    double s = in[idx - (long)m * p] + in[idx + (long)m * p] + in[idx - p] +
                               in[idx + p] + in[idx - 1] + in[idx + 1];
                    out[idx] = c0 * in[idx] + c1 * s;
                }
            }
        }
    }
}
