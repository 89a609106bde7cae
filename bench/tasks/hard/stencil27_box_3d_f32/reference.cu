// Expert trajectory, as it shows up below (2.5D blocking):
// 1. 2D thread mapping: a 32 x 8 block covers a tile of (x, y); x, the contiguous index, is on
//    threadIdx.x.
// 2. memory coalescing: each z plane of the tile (with its halo) is loaded row by row by
//    consecutive threads; each warp stores 32 consecutive points.
// 3. shared memory tiling: the (8 + 2) x (32 + 2) plane tile with a one-point halo is staged in
//    shared memory, so each input value is read from global memory about once instead of 27
//    times; two plane buffers alternate, so one barrier per plane suffices.
// 4. thread coarsening: instead of one point per thread, each thread marches along z through a
//    chunk of ZC planes (blockIdx.z picks the chunk), loading every plane only once.
// 5. register tiling: a register queue along z: the plane in shared memory is multiplied by the
//    three 3 x 3 weight layers at once and added to the running sums of the outputs at z + 1,
//    z and z - 1, held in registers; the one at z - 1 is then complete and stored. Each
//    accumulator receives its terms in the sequential order (dz, dy, dx).
// 6. loop unrolling: the 3 x 3 in-plane loop is unrolled, so the 27 weights stay in registers.
// 7. read-only cache: the weights are loaded once per thread with __ldg, the planes through
//    const __restrict__ / __ldg.
#define BX 32
#define BY 8
#define ZC 32  // planes per block
#define NT (BX * BY)

__global__ void __launch_bounds__(NT)
stencil27_kernel(int nx, int ny, int nz, const float *__restrict__ c,
                 const float *__restrict__ in, float *__restrict__ out) {
    __shared__ float tile[2][BY + 2][BX + 2];
    const int tx = threadIdx.x, ty = threadIdx.y, tid = ty * BX + tx;
    const int x = blockIdx.x * BX + tx, y = blockIdx.y * BY + ty;
    const int x0 = blockIdx.x * BX - 1, y0 = blockIdx.y * BY - 1;  // tile[.][0][0]
    const int z0 = blockIdx.z * ZC, z1 = min(nz, z0 + ZC);         // planes this block writes
    const bool inside = x < nx && y < ny;
    const bool interior = x >= 1 && x < nx - 1 && y >= 1 && y < ny - 1;
    const size_t plane = (size_t)nx * ny;
    const size_t xy = (size_t)y * nx + x;

    float w[27];
#pragma unroll
    for (int k = 0; k < 27; k++) w[k] = __ldg(c + k);

    float prv = 0.0f, cur = 0.0f;  // running sums of the outputs at p - 1 and p
    const int pbeg = max(z0 - 1, 0), pend = min(z1, nz - 1);
    for (int p = pbeg; p <= pend; p++) {  // same trip count for the whole block
        float(*s)[BX + 2] = tile[p & 1];
        const float *src = in + (size_t)p * plane;
        for (int e = tid; e < (BY + 2) * (BX + 2); e += NT) {
            int r = e / (BX + 2), q = e - r * (BX + 2);
            int gy = y0 + r, gx = x0 + q;
            s[r][q] = (gy >= 0 && gy < ny && gx >= 0 && gx < nx)
                          ? __ldg(src + (size_t)gy * nx + gx) : 0.0f;
        }
        __syncthreads();
        float nxt = 0.0f;  // the output at p + 1 starts with this plane (dz = -1)
#pragma unroll
        for (int dy = 0; dy < 3; dy++)
#pragma unroll
            for (int dx = 0; dx < 3; dx++) {
                float v = s[ty + dy][tx + dx];
                nxt += w[dy * 3 + dx] * v;
                cur += w[9 + dy * 3 + dx] * v;
                prv += w[18 + dy * 3 + dx] * v;
            }
        int zo = p - 1;  // complete now
        if (inside && interior && zo >= z0 && zo < z1 && zo >= 1 && zo <= nz - 2)
            out[(size_t)zo * plane + xy] = prv;
        if (inside && p >= z0 && p < z1 && (!interior || p == 0 || p == nz - 1))
            out[(size_t)p * plane + xy] = s[ty + 1][tx + 1];  // boundary: copy
        prv = cur;
        cur = nxt;
    }
}

void stencil27_box_3d_f32_device(int nx, int ny, int nz, const float *c, const float *in,
                                 float *out) {
    if (nx <= 0 || ny <= 0 || nz <= 0) return;
    dim3 grid((nx + BX - 1) / BX, (ny + BY - 1) / BY, (nz + ZC - 1) / ZC);
    stencil27_kernel<<<grid, dim3(BX, BY)>>>(nx, ny, nz, c, in, out);
}
