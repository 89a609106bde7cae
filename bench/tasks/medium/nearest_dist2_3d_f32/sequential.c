/* d2[q] = min over the nr reference points of the squared distance to query q
   (coordinates in separate x, y, z arrays). */
// regrapht: length qx=nq qy=nq qz=nq rx=nr ry=nr rz=nr d2=nq
void nearest_dist2_3d_f32(int nq, int nr, const float *qx, const float *qy, const float *qz,
                          const float *rx, const float *ry, const float *rz, float *d2) {
    for (int q = 0; q < nq; q++) {
        float best = 1e30f;
        for (int r = 0; r < nr; r++) {
            float dx = qx[q] - rx[r], dy = qy[q] - ry[r], dz = qz[q] - rz[r];
            float d = dx * dx + dy * dy + dz * dz;
            if (d < best) best = d;
        }
        d2[q] = best;
    }
}
