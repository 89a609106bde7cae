/* 27-point stencil on an nx x ny x nz grid stored x fastest (index (z * ny + y) * nx + x): every
   interior point becomes the weighted sum of its 3 x 3 x 3 neighbourhood, with the weight
   c[(dz + 1) * 9 + (dy + 1) * 3 + (dx + 1)] for the neighbour at offset (dx, dy, dz); points on
   the boundary of the grid are copied. */
// regrapht: range c=0:0.074
// regrapht: length c=27 in=nx*ny*nz out=nx*ny*nz
void stencil27_box_3d_f32(int nx, int ny, int nz, const float *c, const float *in, float *out) {
    for (int z = 0; z < nz; z++) {
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                int k = (z * ny + y) * nx + x;
                if (x == 0 || y == 0 || z == 0 || x == nx - 1 || y == ny - 1 || z == nz - 1) {
                    out[k] = in[k];
                    continue;
                }
                float s = 0.0f;
                for (int dz = -1; dz <= 1; dz++)
                    for (int dy = -1; dy <= 1; dy++)
                        for (int dx = -1; dx <= 1; dx++)
                            s += c[(dz + 1) * 9 + (dy + 1) * 3 + (dx + 1)] *
                                 in[k + (dz * ny + dy) * nx + dx];
                out[k] = s;
            }
        }
    }
}
