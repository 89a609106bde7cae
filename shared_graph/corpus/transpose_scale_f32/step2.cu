// Thread coarsening: a 32 x 8 block covers a 32 x 32 tile, each thread handling 4 rows
// (ty, ty + 8, ty + 16, ty + 24): 4 independent loads in flight per thread.
#define TILE 32
#define BY 8  // blockDim.y

__global__ void transpose_scale_coarse_kernel(int n, int m, float a, const float *__restrict__ in,
                                              float *__restrict__ out) {
    const int j = blockIdx.x * TILE + threadIdx.x;
    if (j >= m) return;
    for (int i0 = blockIdx.y * TILE; i0 < n; i0 += gridDim.y * TILE) {
#pragma unroll
        for (int k = 0; k < TILE; k += BY) {
            int i = i0 + k + threadIdx.y;
            if (i < n) out[(size_t)j * n + i] = a * in[(size_t)i * m + j];
        }
    }
}

void transpose_scale_f32_device(int n, int m, float a, const float *in, float *out) {
    if (n <= 0 || m <= 0) return;
    dim3 block(TILE, BY);
    unsigned gy = (unsigned)((n + TILE - 1) / TILE);
    if (gy > 65535u) gy = 65535u;
    dim3 grid((unsigned)((m + TILE - 1) / TILE), gy);
    transpose_scale_coarse_kernel<<<grid, block>>>(n, m, a, in, out);
}
