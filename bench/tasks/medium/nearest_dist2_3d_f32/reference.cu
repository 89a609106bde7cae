// One query per thread; the block stages 256 reference points at a time in shared memory
// (each read from global memory once per block, then broadcast to all threads) and the inner
// loop over a tile is unrolled by 8.
#define BLOCK 256

__global__ void nearest_kernel(int nq, int nr, const float *__restrict__ qx,
                               const float *__restrict__ qy, const float *__restrict__ qz,
                               const float *__restrict__ rx, const float *__restrict__ ry,
                               const float *__restrict__ rz, float *__restrict__ d2) {
    __shared__ float sx[BLOCK], sy[BLOCK], sz[BLOCK];
    int q = blockIdx.x * BLOCK + threadIdx.x;
    float px = 0.0f, py = 0.0f, pz = 0.0f;
    if (q < nq) { px = qx[q]; py = qy[q]; pz = qz[q]; }
    float best = 1e30f;
    for (int base = 0; base < nr; base += BLOCK) {
        int r = base + threadIdx.x;
        if (r < nr) { sx[threadIdx.x] = rx[r]; sy[threadIdx.x] = ry[r]; sz[threadIdx.x] = rz[r]; }
        __syncthreads();
        int count = min(BLOCK, nr - base);
#pragma unroll 8
        for (int t = 0; t < count; t++) {
            float dx = px - sx[t], dy = py - sy[t], dz = pz - sz[t];
            best = fminf(best, dx * dx + dy * dy + dz * dz);
        }
        __syncthreads();
    }
    if (q < nq) d2[q] = best;
}

void nearest_dist2_3d_f32_device(int nq, int nr, const float *qx, const float *qy,
                                 const float *qz, const float *rx, const float *ry,
                                 const float *rz, float *d2) {
    if (nq <= 0) return;
    nearest_kernel<<<(nq + BLOCK - 1) / BLOCK, BLOCK>>>(nq, nr, qx, qy, qz, rx, ry, rz, d2);
}
