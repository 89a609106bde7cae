// All pairs (i, j) with |a[i] - b[j]|^2 < r^2, appended to `matches` in any order
// (`unordered matches`); *matches_count ends as the number of pairs.
// Expert steps, in the order they were added:
//  1. thread mapping: a thread tests its a-point against every b-point, with the C code's
//     arithmetic (dx = a.x - b.x, dx*dx + dy*dy < r2).
//  2. shared memory tiling: a block stages CM_TILE b-points at a time in shared memory; each
//     is read from global memory once per block and broadcast to all its threads.
//  3. register tiling: each thread owns CM_IPT = 2 a-points (i and i + CM_BLOCK), so every
//     b-point read from shared memory serves two tests.
//  4. loop unrolling: the last tile is padded with NaN points (every comparison with NaN is
//     false), so the tile loop has a constant trip count and is unrolled by 4.
//  5. warp vote: matches are rare; after each b-point a single __any_sync tells the warp
//     whether any lane matched, and only then does it take the append path.
//  6. atomic accumulation: the append is warp-aggregated: __ballot_sync + __popc count the
//     warp's matches, lane 0 reserves that many slots with one atomicAdd on the output
//     counter, and each matching lane writes its pair at base + its rank among the lanes.
//  7. launch configuration tuning: with few a-points there are too few blocks for the GPU,
//     so the b-range is split over gridDim.y (enough blocks for ~4 per SM).
#define CM_BLOCK 128
#define CM_IPT 2
#define CM_CHUNK (CM_BLOCK * CM_IPT)  // a-points per block
#define CM_TILE CM_BLOCK

__device__ __forceinline__ void cm_append(bool hit, int i, int j, PairIJ *out,
                                          unsigned long long capacity,
                                          unsigned long long *count) {
    const unsigned mask = __ballot_sync(0xffffffffu, hit);
    const unsigned lane = threadIdx.x & 31;
    unsigned long long base = 0;
    if (lane == 0) base = atomicAdd(count, (unsigned long long)__popc(mask));
    base = __shfl_sync(0xffffffffu, base, 0);
    if (hit) {
        const unsigned long long slot = base + __popc(mask & ((1u << lane) - 1u));
        if (slot < capacity) out[slot] = PairIJ{i, j};
    }
}

__global__ void __launch_bounds__(CM_BLOCK)
cross_match_kernel(const Point *__restrict__ a, int na, const Point *__restrict__ b, int nb,
                   double r2, int tiles_per_split, PairIJ *out, unsigned long long capacity,
                   unsigned long long *count) {
    __shared__ double2 sb[CM_TILE];
    const double nan = __longlong_as_double(0x7ff8000000000000ll);
    const int i0 = blockIdx.x * CM_CHUNK + threadIdx.x;
    double ax[CM_IPT], ay[CM_IPT];
#pragma unroll
    for (int r = 0; r < CM_IPT; ++r) {
        const int i = i0 + r * CM_BLOCK;
        ax[r] = i < na ? a[i].x : nan;  // a missing a-point matches nothing
        ay[r] = i < na ? a[i].y : nan;
    }
    const int tiles = (nb + CM_TILE - 1) / CM_TILE;
    const int t0 = blockIdx.y * tiles_per_split;
    const int t1 = min(tiles, t0 + tiles_per_split);
    for (int t = t0; t < t1; ++t) {
        const int jt = t * CM_TILE + threadIdx.x;
        __syncthreads();
        sb[threadIdx.x] = jt < nb ? make_double2(b[jt].x, b[jt].y) : make_double2(nan, nan);
        __syncthreads();
#pragma unroll 4
        for (int q = 0; q < CM_TILE; ++q) {
            const double2 pb = sb[q];
            bool hit[CM_IPT];
            bool any = false;
#pragma unroll
            for (int r = 0; r < CM_IPT; ++r) {
                const double dx = ax[r] - pb.x, dy = ay[r] - pb.y;
                hit[r] = dx * dx + dy * dy < r2;
                any |= hit[r];
            }
            if (__any_sync(0xffffffffu, any)) {  // rare: the whole warp appends
#pragma unroll
                for (int r = 0; r < CM_IPT; ++r)
                    cm_append(hit[r], i0 + r * CM_BLOCK, t * CM_TILE + q, out, capacity, count);
            }
        }
    }
}

void cross_match_catalogs_device(const Point *a, size_t a_size, const Point *b, size_t b_size,
                                 double radius, PairIJ *matches, size_t matches_capacity,
                                 unsigned long long *matches_count) {
    if (a_size == 0 || b_size == 0) return;  // *matches_count is 0 on entry
    const double r2 = radius * radius;
    const int na = (int)a_size, nb = (int)b_size;
    const int iblocks = (na + CM_CHUNK - 1) / CM_CHUNK;
    const int tiles = (nb + CM_TILE - 1) / CM_TILE;
    int sms = 0;
    cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, 0);
    if (sms < 1) sms = 1;
    const long long want = 4LL * sms;  // blocks wanted in flight
    int splits = (int)((want + iblocks - 1) / iblocks);
    if (splits > tiles) splits = tiles;
    if (splits > 65535) splits = 65535;
    if (splits < 1) splits = 1;
    const int tiles_per_split = (tiles + splits - 1) / splits;
    splits = (tiles + tiles_per_split - 1) / tiles_per_split;  // no empty split
    dim3 grid(iblocks, splits);
    cross_match_kernel<<<grid, CM_BLOCK>>>(a, na, b, nb, r2, tiles_per_split, matches,
                                           (unsigned long long)matches_capacity, matches_count);
}
