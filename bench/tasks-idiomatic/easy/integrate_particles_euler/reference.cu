// Semi-implicit Euler substeps of an array of Particle structs, in place.
// Expert steps, in the order they were added:
//  1. thread mapping: the substep loop moves inside the particle loop (particles are
//     independent), so one thread owns one particle for all p.substeps substeps and keeps it
//     in registers.
//  2. memory coalescing: a Particle is 7 floats (28 bytes), so a warp reading one particle per
//     lane touches 7 scattered words per lane. A block instead copies its 256 particles as one
//     contiguous run of floats into shared memory (consecutive threads, consecutive words),
//     each thread works on its particle there (stride 7 words, odd: no bank conflicts), and the
//     block writes the run back the same way.
#define IPE_BLOCK 256
#define IPE_FLOATS 7  // floats per Particle

static_assert(sizeof(Particle) == IPE_FLOATS * sizeof(float), "Particle is 7 floats");

__global__ void __launch_bounds__(IPE_BLOCK)
integrate_kernel(float *__restrict__ data, size_t n, SimParams p, float h) {
    __shared__ float tile[IPE_BLOCK * IPE_FLOATS];
    const size_t first = (size_t)blockIdx.x * IPE_BLOCK;
    const int count = (int)min((size_t)IPE_BLOCK, n - first);
    const int words = count * IPE_FLOATS;
    float *base = data + first * IPE_FLOATS;
    for (int k = threadIdx.x; k < words; k += IPE_BLOCK) tile[k] = base[k];
    __syncthreads();
    if ((int)threadIdx.x < count) {
        float *q = tile + threadIdx.x * IPE_FLOATS;
        float x = q[0], y = q[1], z = q[2], vx = q[3], vy = q[4], vz = q[5];
        const float k = p.drag / q[6];
        for (int s = 0; s < p.substeps; ++s) {
            vx += h * (p.gx - k * vx);
            vy += h * (p.gy - k * vy);
            vz += h * (p.gz - k * vz);
            x += h * vx;
            y += h * vy;
            z += h * vz;
        }
        q[0] = x; q[1] = y; q[2] = z; q[3] = vx; q[4] = vy; q[5] = vz;
    }
    __syncthreads();
    for (int k = threadIdx.x; k < words; k += IPE_BLOCK) base[k] = tile[k];
}

void integrate_particles_euler_device(Particle *particles, size_t particles_size, SimParams p) {
    if (p.substeps <= 0 || particles_size == 0) return;
    const float h = p.dt / p.substeps;
    const size_t blocks = (particles_size + IPE_BLOCK - 1) / IPE_BLOCK;
    integrate_kernel<<<(unsigned)blocks, IPE_BLOCK>>>(reinterpret_cast<float *>(particles),
                                                      particles_size, p, h);
}
