// Unordered stream compaction of the particles inside a box (`unordered inside`: the output
// is compared as a multiset, so warps may append in any order).
// The box arrives as a device pointer to one Box3 (a `const Box3 &` parameter).
// Expert steps, in the order they were added:
//  1. thread mapping: one thread per particle tests it against the box.
//  2. read-only cache: the whole 28-byte particle is needed only when it is kept, but x, y, z
//     always are; the particles are read through the read-only data cache (const
//     __restrict__, __ldg) and the box once per block into registers.
//  3. warp vote reduction: __ballot_sync packs the warp's 32 tests; __popc gives the warp's
//     count and, masked to the lanes below, each kept particle's slot within the warp.
//  4. atomic accumulation: lane 0 reserves the warp's slots in the output with a single
//     atomicAdd on the output counter (one atomic per warp, not per particle) and
//     broadcasts the base with __shfl_sync.
__global__ void in_box_kernel(const Particle *__restrict__ ps, size_t n,
                              const Box3 *__restrict__ box_ptr, Particle *__restrict__ out,
                              size_t capacity, unsigned long long *count) {
    const Box3 box = *box_ptr;
    const size_t stride = (size_t)gridDim.x * blockDim.x;
    const size_t rounded = (n + 31) / 32 * 32;  // whole warps run every round
    const unsigned lane = threadIdx.x & 31;
    for (size_t i = (size_t)blockIdx.x * blockDim.x + threadIdx.x; i < rounded; i += stride) {
        bool keep = false;
        if (i < n) {
            const float x = __ldg(&ps[i].x), y = __ldg(&ps[i].y), z = __ldg(&ps[i].z);
            keep = x >= box.lo[0] && x <= box.hi[0] && y >= box.lo[1] && y <= box.hi[1] &&
                   z >= box.lo[2] && z <= box.hi[2];
        }
        const unsigned mask = __ballot_sync(0xffffffffu, keep);
        if (mask == 0) continue;
        unsigned long long base = 0;
        if (lane == 0) base = atomicAdd(count, (unsigned long long)__popc(mask));
        base = __shfl_sync(0xffffffffu, base, 0);
        if (keep) {
            const unsigned long long slot = base + __popc(mask & ((1u << lane) - 1u));
            if (slot < capacity) out[slot] = ps[i];
        }
    }
}

void particles_in_box_device(const Particle *particles, size_t particles_size, const Box3 *box,
                             Particle *inside, size_t inside_capacity,
                             unsigned long long *inside_count) {
    if (particles_size == 0) return;  // *inside_count is 0 on entry
    size_t blocks = (particles_size + 255) / 256;
    if (blocks > 2048) blocks = 2048;
    in_box_kernel<<<(unsigned)blocks, 256>>>(particles, particles_size, box, inside,
                                             inside_capacity, inside_count);
}
