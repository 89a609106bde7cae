// SPH density at every cell from all particles (poly6 kernel), written into cells[i].density.
// Expert steps, in the order they were added:
//  1. thread mapping: a thread accumulates rho for its cell over all particles; only the
//     density field of the cell is written (its position stays as it was).
//  2. shared memory tiling: a block stages SPH_TILE particles at a time in shared memory;
//     each is read from global memory once per block and broadcast to all its threads.
//  3. vectorized memory access: a first kernel packs the particles into float4
//     (x, y, z, mass) in an aligned scratch array, padded to whole tiles with far-away
//     massless particles, so a tile load and every shared-memory read of a particle is a
//     single 16-byte access.
//  4. register tiling: each thread owns SPH_IPT = 2 cells (i and i + SPH_BLOCK), so every
//     particle read from shared memory serves two cells.
//  5. loop unrolling: the tile loop has a constant trip count (padding) and is unrolled by 8.
//  6. fast math intrinsics: r^2 and the sum are fmaf chains.
//  7. warp divergence removal: the cutoff test becomes q = fmaxf(h^2 - r^2, 0), which is 0
//     beyond h, instead of a branch, so the lanes of a warp never split over it (padding
//     particles are far outside h and massless).
//  8. launch configuration tuning: with few cells there are too few blocks for the GPU, so
//     the particle range is split over gridDim.y (enough blocks for ~4 per SM) ...
//  9. atomic accumulation: ... and the splits add norm * (their partial rho) into the density
//     field with atomicAdd, zeroed first (a single split stores directly).
#include <cmath>

#define SPH_BLOCK 128
#define SPH_IPT 2
#define SPH_TILE SPH_BLOCK
#define SPH_CHUNK (SPH_BLOCK * SPH_IPT)  // cells per block
#define SPH_FAR 1.0e15f                  // padding particles sit here
#define SPH_PI 3.14159265358979f         // kPi, spelled here for the host-side norm

__global__ void sph_pack_kernel(const Particle *__restrict__ ps, int m, int mpad,
                                float4 *__restrict__ q4) {
    const int j = blockIdx.x * blockDim.x + threadIdx.x;
    if (j >= mpad) return;
    q4[j] = j < m ? make_float4(ps[j].x, ps[j].y, ps[j].z, ps[j].mass)
                  : make_float4(SPH_FAR, SPH_FAR, SPH_FAR, 0.0f);
}

__global__ void sph_zero_kernel(Cell *cells, int n) {
    const int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) cells[i].density = 0.0f;
}

__global__ void __launch_bounds__(SPH_BLOCK)
sph_density_kernel(Cell *__restrict__ cells, int n, const float4 *__restrict__ q4,
                   int jtiles, int tiles_per_split, int atomic, float h2, float norm) {
    __shared__ float4 sp[SPH_TILE];
    const int i0 = blockIdx.x * SPH_CHUNK + threadIdx.x;
    float cx[SPH_IPT], cy[SPH_IPT], cz[SPH_IPT], rho[SPH_IPT];
#pragma unroll
    for (int r = 0; r < SPH_IPT; ++r) {
        const int i = i0 + r * SPH_BLOCK;
        cx[r] = i < n ? cells[i].pos[0] : 0.0f;
        cy[r] = i < n ? cells[i].pos[1] : 0.0f;
        cz[r] = i < n ? cells[i].pos[2] : 0.0f;
        rho[r] = 0.0f;
    }
    const int t0 = blockIdx.y * tiles_per_split;
    const int t1 = min(jtiles, t0 + tiles_per_split);
    for (int t = t0; t < t1; ++t) {
        sp[threadIdx.x] = q4[t * SPH_TILE + threadIdx.x];
        __syncthreads();
#pragma unroll 8
        for (int q = 0; q < SPH_TILE; ++q) {
            const float4 p = sp[q];
#pragma unroll
            for (int r = 0; r < SPH_IPT; ++r) {
                const float dx = cx[r] - p.x, dy = cy[r] - p.y, dz = cz[r] - p.z;
                const float r2 = fmaf(dx, dx, fmaf(dy, dy, dz * dz));
                const float qv = fmaxf(h2 - r2, 0.0f);
                rho[r] = fmaf(p.w * qv * qv, qv, rho[r]);
            }
        }
        __syncthreads();
    }
#pragma unroll
    for (int r = 0; r < SPH_IPT; ++r) {
        const int i = i0 + r * SPH_BLOCK;
        if (i < n) {
            if (atomic)
                atomicAdd(&cells[i].density, norm * rho[r]);
            else
                cells[i].density = norm * rho[r];
        }
    }
}

void sph_density_on_cells_device(Cell *cells, size_t cells_size, const Particle *particles,
                                 size_t particles_size, float h) {
    const int n = (int)cells_size, m = (int)particles_size;
    if (n <= 0) return;
    const float h2 = h * h;
    const float norm = 315.0f / (64.0f * SPH_PI * std::pow(h, 9));  // as the C code
    if (m <= 0) {  // no particles: zero density everywhere
        sph_zero_kernel<<<(n + 255) / 256, 256>>>(cells, n);
        return;
    }
    const int iblocks = (n + SPH_CHUNK - 1) / SPH_CHUNK;
    const int jtiles = (m + SPH_TILE - 1) / SPH_TILE;
    const int mpad = jtiles * SPH_TILE;
    int sms = 0;
    cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, 0);
    if (sms < 1) sms = 1;
    const long long want = 4LL * sms;  // blocks wanted in flight
    int splits = (int)((want + iblocks - 1) / iblocks);
    if (splits > jtiles) splits = jtiles;
    if (splits > 64) splits = 64;
    if (splits < 1) splits = 1;
    const int tiles_per_split = (jtiles + splits - 1) / splits;
    splits = (jtiles + tiles_per_split - 1) / tiles_per_split;  // no empty split
    float4 *q4 = nullptr;
    cudaMalloc(&q4, (size_t)mpad * sizeof(float4));
    sph_pack_kernel<<<(mpad + 255) / 256, 256>>>(particles, m, mpad, q4);
    if (splits > 1) sph_zero_kernel<<<(n + 255) / 256, 256>>>(cells, n);
    dim3 grid(iblocks, splits);
    sph_density_kernel<<<grid, SPH_BLOCK>>>(cells, n, q4, jtiles, tiles_per_split, splits > 1,
                                            h2, norm);
    cudaFree(q4);
}
