// In-place stable partition of samples by `valid`; returns the number of valid samples.
// Sample i goes to  valid_before(i)                      if it is valid,
//                   total_valid + i - valid_before(i)    if not,
// where valid_before(i) counts the valid samples before i: one exclusive scan of the flags.
// Expert steps, in the order they were added:
//  1. thread mapping: every sample's destination comes from its own flag and the scan, so
//     each thread moves its samples independently, into a scratch array that is copied back
//     (device to device) at the end.
//  2. warp vote reduction: pass 1 counts the valid samples of each 1024-sample tile with
//     __ballot_sync + __popc per warp and the warps' counts added in shared memory.
//  3. hierarchical multi-block scan: pass 2, one block, scans the tile counts (each thread
//     a contiguous run of tiles, the thread totals scanned with warp shuffles) into tile
//     offsets and the total; pass 3 scatters each tile from its offset.
//  4. warp ballot scan: inside a tile, a sample's rank among the tile's valid samples is
//     __popc of its warp's ballot masked to the lanes below plus the exclusive scan of the
//     32 (round, warp) counts of the tile, so no shared-memory scan tree is needed.
#define PV_BLOCK 256
#define PV_WARPS (PV_BLOCK / 32)
#define PV_ITEMS 4
#define PV_TILE (PV_BLOCK * PV_ITEMS)

static_assert(PV_ITEMS * PV_WARPS == 32, "one warp scans the tile's (round, warp) counts");

__global__ void __launch_bounds__(PV_BLOCK)
pv_count_kernel(const Sample *__restrict__ s, size_t n, unsigned *tile_counts) {
    __shared__ unsigned s_cnt[PV_WARPS];
    const size_t base = (size_t)blockIdx.x * PV_TILE;
    unsigned mine = 0;
#pragma unroll
    for (int k = 0; k < PV_ITEMS; ++k) {
        const size_t i = base + (size_t)k * PV_BLOCK + threadIdx.x;
        const bool v = i < n && s[i].valid;
        mine += __popc(__ballot_sync(0xffffffffu, v));  // the same in every lane of the warp
    }
    if ((threadIdx.x & 31) == 0) s_cnt[threadIdx.x >> 5] = mine;
    __syncthreads();
    if (threadIdx.x == 0) {
        unsigned total = 0;
        for (int w = 0; w < PV_WARPS; ++w) total += s_cnt[w];
        tile_counts[blockIdx.x] = total;
    }
}

// Exclusive scan of `tiles` counts into offsets[0..tiles), total in offsets[tiles].
__global__ void __launch_bounds__(1024)
pv_scan_kernel(const unsigned *counts, size_t tiles, unsigned long long *offsets) {
    __shared__ unsigned long long s_warp[32];
    const size_t per = (tiles + 1023) / 1024;
    const size_t b = threadIdx.x * per, e = min(tiles, b + per);
    unsigned long long sum = 0;
    for (size_t i = b; i < e; ++i) sum += counts[i];
    const int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
    unsigned long long incl = sum;
#pragma unroll
    for (int d = 1; d < 32; d <<= 1) {
        const unsigned long long u = __shfl_up_sync(0xffffffffu, incl, d);
        if (lane >= d) incl += u;
    }
    if (lane == 31) s_warp[warp] = incl;
    __syncthreads();
    if (warp == 0) {
        unsigned long long w = s_warp[lane], wi = w;
#pragma unroll
        for (int d = 1; d < 32; d <<= 1) {
            const unsigned long long u = __shfl_up_sync(0xffffffffu, wi, d);
            if (lane >= d) wi += u;
        }
        s_warp[lane] = wi - w;  // exclusive prefix of the warps
    }
    __syncthreads();
    unsigned long long run = s_warp[warp] + incl - sum;  // exclusive prefix of this thread
    for (size_t i = b; i < e; ++i) {
        offsets[i] = run;
        run += counts[i];
    }
    if (threadIdx.x == 1023) offsets[tiles] = run;  // the last thread ends at the total
}

__global__ void __launch_bounds__(PV_BLOCK)
pv_scatter_kernel(const Sample *__restrict__ s, size_t n,
                  const unsigned long long *__restrict__ offsets, size_t tiles,
                  Sample *__restrict__ out) {
    __shared__ unsigned s_cnt[PV_ITEMS * PV_WARPS];  // index k * PV_WARPS + warp: index order
    const size_t base = (size_t)blockIdx.x * PV_TILE;
    const int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
    const unsigned lower = (1u << lane) - 1u;
    bool flag[PV_ITEMS];
    unsigned below[PV_ITEMS];
#pragma unroll
    for (int k = 0; k < PV_ITEMS; ++k) {
        const size_t i = base + (size_t)k * PV_BLOCK + threadIdx.x;
        flag[k] = i < n && s[i].valid;
        const unsigned mask = __ballot_sync(0xffffffffu, flag[k]);
        below[k] = __popc(mask & lower);
        if (lane == 0) s_cnt[k * PV_WARPS + warp] = __popc(mask);
    }
    __syncthreads();
    if (warp == 0) {  // exclusive scan of the 32 counts, in index order
        const unsigned c = s_cnt[lane];
        unsigned incl = c;
#pragma unroll
        for (int d = 1; d < 32; d <<= 1) {
            const unsigned u = __shfl_up_sync(0xffffffffu, incl, d);
            if (lane >= d) incl += u;
        }
        __syncwarp();
        s_cnt[lane] = incl - c;
    }
    __syncthreads();
    const unsigned long long tile_off = offsets[blockIdx.x];
    const unsigned long long total_valid = offsets[tiles];
#pragma unroll
    for (int k = 0; k < PV_ITEMS; ++k) {
        const size_t i = base + (size_t)k * PV_BLOCK + threadIdx.x;
        if (i >= n) break;
        const unsigned long long vb = tile_off + s_cnt[k * PV_WARPS + warp] + below[k];
        const unsigned long long dst = flag[k] ? vb : total_valid + i - vb;
        out[dst] = s[i];
    }
}

size_t partition_valid_samples_device(Sample *samples, size_t samples_size) {
    const size_t n = samples_size;
    if (n == 0) return 0;
    const size_t tiles = (n + PV_TILE - 1) / PV_TILE;
    unsigned *counts = nullptr;
    unsigned long long *offsets = nullptr;
    Sample *tmp = nullptr;
    cudaMalloc(&counts, tiles * sizeof(unsigned));
    cudaMalloc(&offsets, (tiles + 1) * sizeof(unsigned long long));
    cudaMalloc(&tmp, n * sizeof(Sample));
    pv_count_kernel<<<(unsigned)tiles, PV_BLOCK>>>(samples, n, counts);
    pv_scan_kernel<<<1, 1024>>>(counts, tiles, offsets);
    pv_scatter_kernel<<<(unsigned)tiles, PV_BLOCK>>>(samples, n, offsets, tiles, tmp);
    cudaMemcpyAsync(samples, tmp, n * sizeof(Sample), cudaMemcpyDeviceToDevice);
    unsigned long long total = 0;
    cudaMemcpy(&total, offsets + tiles, sizeof(total), cudaMemcpyDeviceToHost);
    cudaFree(counts);
    cudaFree(offsets);
    cudaFree(tmp);
    return (size_t)total;
}
