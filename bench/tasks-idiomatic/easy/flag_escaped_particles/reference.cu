// escaped[i] = active[i] && particle i is outside the box; vector<bool>s arrive as bool bytes.
// Expert steps, in the order they were added:
//  1. thread mapping: one thread per particle; the box (a struct by value) sits in the
//     kernel's parameter space, read by every thread alike.
//  2. read-only cache: only x, y, z of each 28-byte particle are needed, so the loads are
//     strided; they go through the read-only data cache (__ldg on const __restrict__
//     pointers), which keeps the rest of each fetched line for the neighbouring lanes; the
//     mask is read the same way.
__global__ void escaped_kernel(const Particle *__restrict__ ps, const bool *__restrict__ active,
                               Box3 box, bool *__restrict__ escaped, size_t n) {
    const size_t i = (size_t)blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    const float x = __ldg(&ps[i].x), y = __ldg(&ps[i].y), z = __ldg(&ps[i].z);
    const bool outside = x < box.lo[0] || x > box.hi[0] || y < box.lo[1] || y > box.hi[1] ||
                         z < box.lo[2] || z > box.hi[2];
    const bool on = __ldg(reinterpret_cast<const unsigned char *>(active) + i) != 0;
    escaped[i] = on && outside;
}

void flag_escaped_particles_device(const Particle *particles, size_t particles_size,
                                   const bool *active, size_t active_size, Box3 box,
                                   bool *escaped, size_t escaped_size) {
    size_t n = particles_size;
    if (active_size < n) n = active_size;
    if (escaped_size < n) n = escaped_size;
    if (n == 0) return;
    escaped_kernel<<<(unsigned)((n + 255) / 256), 256>>>(particles, active, box, escaped, n);
}
