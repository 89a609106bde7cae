/* Lennard-Jones forces (epsilon = sigma = 1) exerted on n particles p by m environment
   particles q (say, the atoms of a substrate), positions xyz interleaved, cut off at
   rc = 2.5: f_i = sum over j with |p_i - q_j|^2 < rc^2 of 24 (2 s^-12 - s^-6) / s^2 (p_i - q_j),
   where s^2 = |p_i - q_j|^2 + 0.5 is a softened squared distance (it keeps the force of two
   nearly overlapping particles finite). */
// regrapht: range p=0:20 q=0:20; length p=3*n q=3*m f=3*n
void lj_forces_cutoff_f32(int n, int m, const float *p, const float *q, float *f) {
    const float rc2 = 2.5f * 2.5f;
    const float soft = 0.5f;
    for (int i = 0; i < n; i++) {
        float fx = 0.0f, fy = 0.0f, fz = 0.0f;
        for (int j = 0; j < m; j++) {
            float dx = p[3 * i] - q[3 * j];
            float dy = p[3 * i + 1] - q[3 * j + 1];
            float dz = p[3 * i + 2] - q[3 * j + 2];
            float r2 = dx * dx + dy * dy + dz * dz;
            if (r2 < rc2) {
                float inv2 = 1.0f / (r2 + soft);
                float inv6 = inv2 * inv2 * inv2;
                float coef = 24.0f * (2.0f * inv6 * inv6 - inv6) * inv2;
                fx += coef * dx;
                fy += coef * dy;
                fz += coef * dz;
            }
        }
        f[3 * i] = fx;
        f[3 * i + 1] = fy;
        f[3 * i + 2] = fz;
    }
}
