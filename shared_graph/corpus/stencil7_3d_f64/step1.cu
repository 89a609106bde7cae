// 3D mapping: x over k (contiguous), y over j, z over i. gridDim.y and gridDim.z are capped at
// 65535 and the threads loop over y and z, so any grid size works.
__global__ void stencil7_kernel(int n, int m, int p, double c0, double c1, const double *in,
                                double *out) {
    int k = blockIdx.x * blockDim.x + threadIdx.x;
    if (k >= p) return;
    const long plane = (long)m * p;
    for (int i = blockIdx.z * blockDim.z + threadIdx.z; i < n; i += gridDim.z * blockDim.z) {
        for (int j = blockIdx.y * blockDim.y + threadIdx.y; j < m; j += gridDim.y * blockDim.y) {
            long idx = ((long)i * m + j) * p + k;
            if (i == 0 || j == 0 || k == 0 || i == n - 1 || j == m - 1 || k == p - 1) {
                out[idx] = in[idx];
            } else {
                double s = in[idx - plane] + in[idx + plane] + in[idx - p] + in[idx + p] +
                           in[idx - 1] + in[idx + 1];
                out[idx] = c0 * in[idx] + c1 * s;
            }
        }
    }
}

static unsigned cap65535(long blocks) { return (unsigned)(blocks > 65535 ? 65535 : blocks); }

void stencil7_3d_f64_device(int n, int m, int p, double c0, double c1, const double *in,
                            double *out) {
    if (n <= 0 || m <= 0 || p <= 0) return;
    dim3 block(32, 4, 2);
    dim3 grid((unsigned)((p + 31) / 32), cap65535((m + 3) / 4), cap65535((n + 1) / 2));
    stencil7_kernel<<<grid, block>>>(n, m, p, c0, c1, in, out);
}
