__global__ void k(const double *R, double *xyz, size_t n) {
    size_t i = 3 * (blockIdx.x * (size_t)blockDim.x + threadIdx.x);
    if (i + 2 < n) { double a = xyz[i], b = xyz[i+1], c = xyz[i+2];
        xyz[i] = R[0]*a + R[1]*b + R[2]*c; xyz[i+1] = R[3]*a + R[4]*b + R[5]*c; xyz[i+2] = R[6]*a + R[7]*b + R[8]*c; }
}
void rotate_device(const double *R, double *xyz, size_t xyz_size) { size_t m = xyz_size / 3; if (m) k<<<(m+255)/256,256>>>(R, xyz, xyz_size); }
