// As step 2 (march along i with in[i-1], in[i], in[i+1] in registers), plus the current
// plane's 32 x 8 tile and its 1-point halo staged in shared memory: the four in-plane
// neighbours come from shared memory, so each plane value is loaded from global memory once
// per block. The tile's centre is written from the register `cur`; edge threads fetch the halo.
#define TX 32
#define TY 8
#define NZ 16

__global__ void stencil7_smem_kernel(int n, int m, int p, double c0, double c1,
                                     const double *__restrict__ in, double *__restrict__ out) {
    __shared__ double s[TY + 2][TX + 2];
    const int tx = threadIdx.x, ty = threadIdx.y;
    const int k = blockIdx.x * TX + tx;
    const long plane = (long)m * p;
    // All loops are block-uniform (bounds depend only on the block), so barriers are safe;
    // threads outside the grid take part in the barriers but load and store nothing.
    for (int j0 = blockIdx.y * TY; j0 < m; j0 += gridDim.y * TY) {
        const int j = j0 + ty;
        const bool valid = j < m && k < p;
        for (int ib = blockIdx.z * NZ; ib < n; ib += gridDim.z * NZ) {
            const int ie = min(ib + NZ, n);
            long idx = ((long)ib * m + j) * p + k;  // dereferenced only when valid
            double prev = (valid && ib > 0) ? in[idx - plane] : 0.0;
            double cur = valid ? in[idx] : 0.0;
            for (int i = ib; i < ie; i++, idx += plane) {
                double next = (valid && i + 1 < n) ? in[idx + plane] : 0.0;
                __syncthreads();  // everyone is done with the previous plane's tile
                s[ty + 1][tx + 1] = cur;
                if (ty == 0) s[0][tx + 1] = (j >= 1 && k < p) ? in[idx - p] : 0.0;
                if (ty == TY - 1) s[TY + 1][tx + 1] = (j + 1 < m && k < p) ? in[idx + p] : 0.0;
                if (tx == 0) s[ty + 1][0] = (k >= 1 && j < m) ? in[idx - 1] : 0.0;
                if (tx == TX - 1) s[ty + 1][TX + 1] = (k + 1 < p && j < m) ? in[idx + 1] : 0.0;
                __syncthreads();
                if (valid) {
                    if (i == 0 || j == 0 || k == 0 || i == n - 1 || j == m - 1 || k == p - 1) {
                        out[idx] = cur;
                    } else {
                        double sum = prev + next + s[ty][tx + 1] + s[ty + 2][tx + 1] +
                                     s[ty + 1][tx] + s[ty + 1][tx + 2];
                        out[idx] = c0 * cur + c1 * sum;
                    }
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
    stencil7_smem_kernel<<<grid, block>>>(n, m, p, c0, c1, in, out);
}
