// 2D grid over the (k, j) plane; each thread marches along i through a segment of NZ planes,
// keeping in[i-1], in[i], in[i+1] in registers: each value along i is loaded once instead of
// three times. Segments (blockIdx.z) keep enough threads busy.
#define TX 32
#define TY 8
#define NZ 16

__global__ void stencil7_march_kernel(int n, int m, int p, double c0, double c1,
                                      const double *__restrict__ in, double *__restrict__ out) {
    int k = blockIdx.x * TX + threadIdx.x;
    if (k >= p) return;
    const long plane = (long)m * p;
    for (int j = blockIdx.y * TY + threadIdx.y; j < m; j += gridDim.y * TY) {
        for (int ib = blockIdx.z * NZ; ib < n; ib += gridDim.z * NZ) {
            int ie = min(ib + NZ, n);
            long idx = ((long)ib * m + j) * p + k;
            double prev = ib > 0 ? in[idx - plane] : 0.0;
            double cur = in[idx];
            for (int i = ib; i < ie; i++, idx += plane) {
                double next = i + 1 < n ? in[idx + plane] : 0.0;
                if (i == 0 || j == 0 || k == 0 || i == n - 1 || j == m - 1 || k == p - 1) {
                    out[idx] = cur;
                } else {
                    double s = prev + next + in[idx - p] + in[idx + p] + in[idx - 1] + in[idx + 1];
                    out[idx] = c0 * cur + c1 * s;
                }
                prev = cur;
                cur = next;
            }
        }
    }
}

static unsigned cap65535(long blocks) { return (unsigned)(blocks > 65535 ? 65535 : blocks); }

void stencil7_3d_f64_device(int n, int m, int p, double c0, double c1, const double *in,
                            double *out) {
    if (n <= 0 || m <= 0 || p <= 0) return;
    dim3 block(TX, TY);
    dim3 grid((unsigned)((p + TX - 1) / TX), cap65535((m + TY - 1) / TY),
              cap65535((n + NZ - 1) / NZ));
    stencil7_march_kernel<<<grid, block>>>(n, m, p, c0, c1, in, out);
}
