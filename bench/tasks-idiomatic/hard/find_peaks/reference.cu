// Ordered stream compaction of the peak positions, in one pass over the signal.
// Expert steps, in the order they were added:
//  1. thread mapping: the signal is cut into tiles; a block handles one tile, tests each
//     sample against its two neighbours, and puts a peak at output position "number of peaks
//     before it".
//  2. thread coarsening: each thread owns FP_ITEMS = 8 consecutive samples (a tile is 2048),
//     so the scan below combines one count per thread.
//  3. shared memory tiling: the block stages its tile plus one halo sample on each side in
//     shared memory with coalesced loads; a thread then takes its 8 samples and their two
//     neighbours (10 values) from there.
//  4. bank conflict avoidance: thread t reads words 8t .. 8t + 9, a stride that would put 4
//     lanes on the same bank; the staged tile is skewed by one word every 32
//     (index p -> p + p / 32), which spreads the 32 lanes over the 32 banks.
//  5. warp shuffle scan: the per-thread peak counts are scanned with __shfl_up_sync in each
//     warp, the 8 warp totals combined through shared memory.
//  6. kernel fusion: testing, the scan across tiles and the scatter are one kernel, a
//     single-pass scan with decoupled look-back: each tile publishes its count, then its
//     inclusive prefix, in one 64-bit status word (flag in the top two bits); tile ids come
//     from an atomic counter, so a block only ever waits for blocks that are already running.
//     The last tile leaves the total in the output's counter.
//  7. memory coalescing: the tile's peak positions are first staged in shared memory in
//     order, then the whole block copies them out, consecutive threads writing consecutive
//     elements.
#define FP_BLOCK 256
#define FP_WARPS (FP_BLOCK / 32)
#define FP_ITEMS 8
#define FP_TILE (FP_BLOCK * FP_ITEMS)
#define FP_SKEW(p) ((p) + ((p) >> 5))
#define FP_AGGREGATE (1ull << 62)  // value = peaks of that tile
#define FP_PREFIX (2ull << 62)     // value = peaks of that tile and of every tile before it
#define FP_VALUE ((1ull << 62) - 1)

__global__ void __launch_bounds__(FP_BLOCK)
find_peaks_kernel(const float *__restrict__ x, size_t n, float min_height,
                  size_t *__restrict__ out, size_t capacity, unsigned long long *out_count,
                  unsigned num_tiles, unsigned long long *status, unsigned *tile_counter) {
    __shared__ float xs[FP_SKEW(FP_TILE + 2) + 1];  // xs[skew(t)] = x[base - 1 + t]
    __shared__ size_t s_idx[FP_TILE];
    __shared__ unsigned s_warp[FP_WARPS];
    __shared__ unsigned s_tile;
    __shared__ unsigned long long s_prefix;
    const int tid = threadIdx.x, lane = tid & 31, wid = tid >> 5;
    if (tid == 0) s_tile = atomicAdd(tile_counter, 1u);
    __syncthreads();
    const unsigned tile = s_tile;
    const size_t base = (size_t)tile * FP_TILE;

    for (int t = tid; t < FP_TILE + 2; t += FP_BLOCK) {
        const size_t g = base + t;  // x[g - 1]
        xs[FP_SKEW(t)] = (g >= 1 && g - 1 < n) ? x[g - 1] : 0.0f;
    }
    __syncthreads();

    const int l0 = tid * FP_ITEMS;  // sample base + l0 + k sits at xs[skew(l0 + k + 1)]
    float v[FP_ITEMS + 2];
#pragma unroll
    for (int k = 0; k < FP_ITEMS + 2; ++k) v[k] = xs[FP_SKEW(l0 + k)];
    unsigned keep = 0;
#pragma unroll
    for (int k = 0; k < FP_ITEMS; ++k) {
        const size_t i = base + l0 + k;
        if (i >= 1 && i + 1 < n && v[k + 1] > min_height && v[k + 1] > v[k] &&
            v[k + 1] >= v[k + 2])
            keep |= 1u << k;
    }
    const unsigned cnt = __popc(keep);

    unsigned incl = cnt;  // block-wide exclusive scan of the counts
#pragma unroll
    for (int d = 1; d < 32; d <<= 1) {
        const unsigned u = __shfl_up_sync(0xffffffffu, incl, d);
        if (lane >= d) incl += u;
    }
    if (lane == 31) s_warp[wid] = incl;
    __syncthreads();
    unsigned before = incl - cnt, tile_kept = 0;
#pragma unroll
    for (int w = 0; w < FP_WARPS; ++w) {
        const unsigned c = s_warp[w];
        if (w < wid) before += c;
        tile_kept += c;
    }
    unsigned pos = before;  // stage this thread's peaks, in order
#pragma unroll
    for (int k = 0; k < FP_ITEMS; ++k)
        if (keep & (1u << k)) s_idx[pos++] = base + l0 + k;

    if (tid == 0) {  // decoupled look-back: peaks in all earlier tiles
        unsigned long long prefix = 0;
        if (tile == 0) {
            atomicExch(&status[0], FP_PREFIX | tile_kept);
        } else {
            atomicExch(&status[tile], FP_AGGREGATE | tile_kept);
            volatile unsigned long long *vs = status;
            long long j = (long long)tile - 1;
            while (true) {
                const unsigned long long s = vs[j];
                if (s == 0) {  // tile j has not published yet; its block is running
                    __nanosleep(20);
                    continue;
                }
                prefix += s & FP_VALUE;
                if ((s & ~FP_VALUE) == FP_PREFIX) break;
                --j;
            }
            atomicExch(&status[tile], FP_PREFIX | (prefix + tile_kept));
        }
        s_prefix = prefix;
        if (tile == num_tiles - 1) *out_count = prefix + tile_kept;
    }
    __syncthreads();

    const unsigned long long out0 = s_prefix;  // coalesced copy to the output
    for (unsigned t = tid; t < tile_kept; t += FP_BLOCK)
        if (out0 + t < capacity) out[out0 + t] = s_idx[t];
}

void find_peaks_device(const float *signal, size_t signal_size, float min_height,
                       size_t *peaks, size_t peaks_capacity, unsigned long long *peaks_count) {
    const size_t n = signal_size;
    if (n < 3) return;  // no interior sample; *peaks_count is 0 on entry
    const unsigned num_tiles = (unsigned)((n + FP_TILE - 1) / FP_TILE);
    const size_t bytes = (size_t)num_tiles * sizeof(unsigned long long) + sizeof(unsigned);
    char *tmp = nullptr;
    cudaMalloc(&tmp, bytes);
    cudaMemsetAsync(tmp, 0, bytes);
    unsigned long long *status = (unsigned long long *)tmp;
    unsigned *tile_counter = (unsigned *)(tmp + (size_t)num_tiles * sizeof(unsigned long long));
    find_peaks_kernel<<<num_tiles, FP_BLOCK>>>(signal, n, min_height, peaks, peaks_capacity,
                                               peaks_count, num_tiles, status, tile_counter);
    cudaFree(tmp);
}
