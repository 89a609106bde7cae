// In-place 3x3 transform of a vector of Vec3 (three doubles each).
// Expert steps, in the order they were added:
//  1. thread mapping: one thread per point; it reads its point into registers before writing
//     it back, as the sequential code does, so the in-place update is safe.
//  2. constant memory: every thread reads the same nine matrix entries at the same time, the
//     access pattern the constant cache broadcasts to a whole warp in one transaction; the
//     launcher copies R from device memory into a __constant__ array
//     (cudaMemcpyToSymbolAsync, device to device), so nothing goes through the host.
__constant__ double c_rot_R[9];

__global__ void rotate_kernel(Vec3 *__restrict__ pts, size_t n) {
    size_t i = (size_t)blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    const Vec3 p = pts[i];
    Vec3 r;
    r.x = c_rot_R[0] * p.x + c_rot_R[1] * p.y + c_rot_R[2] * p.z;
    r.y = c_rot_R[3] * p.x + c_rot_R[4] * p.y + c_rot_R[5] * p.z;
    r.z = c_rot_R[6] * p.x + c_rot_R[7] * p.y + c_rot_R[8] * p.z;
    pts[i] = r;
}

void rotate_points_3d_device(const double *R, Vec3 *points, size_t points_size) {
    if (points_size == 0) return;
    cudaMemcpyToSymbolAsync(c_rot_R, R, 9 * sizeof(double), 0, cudaMemcpyDeviceToDevice);
    rotate_kernel<<<(unsigned)((points_size + 255) / 256), 256>>>(points, points_size);
}
