// Stable stream compaction of (index, value) pairs in one pass over x.
// Expert steps, in the order they were added:
//  1. thread mapping: the input is cut into tiles; a block handles one tile, and the output
//     position of a kept element is the number of kept elements before it.
//  2. thread coarsening: each thread owns ITEMS = 8 consecutive elements, so a tile is 2048
//     elements and the scan below only combines one count per thread.
//  3. vectorized memory access: a thread's 8 elements are read as two float4 loads (scalar
//     loads only for the ragged last tile or a misaligned x).
//  4. warp shuffle scan: the per-thread counts are scanned with __shfl_up_sync inside each
//     warp; the 8 warp totals go through shared memory.
//  5. memory coalescing: kept (index, value) pairs are first staged in shared memory in their
//     final order, then the whole block copies them out with consecutive threads writing
//     consecutive elements of idx and val.
//  6. kernel fusion: counting, the scan across tiles and the scatter are one kernel: a
//     single-pass scan with decoupled look-back (each tile publishes its count, then its
//     inclusive prefix, in one 64-bit status word; tile ids come from an atomic counter so a
//     block only ever waits for blocks that are already running).
#define BLOCK 256
#define WARPS (BLOCK / 32)
#define ITEMS 8
#define TILE (BLOCK * ITEMS)
#define FLAG_AGGREGATE 1ull  // value = kept elements of that tile
#define FLAG_PREFIX 2ull     // value = kept elements of that tile and of every tile before it

__device__ __forceinline__ unsigned long long pack_status(unsigned long long flag, int value) {
    return (flag << 32) | (unsigned)value;
}

__global__ void __launch_bounds__(BLOCK)
select_band_kernel(int n, const float *__restrict__ x, float lo, float hi, int *__restrict__ idx,
                   float *__restrict__ val, int num_tiles, int vec_ok,
                   unsigned long long *status, int *tile_counter, int *total) {
    __shared__ int s_tile;
    __shared__ int s_prefix;
    __shared__ int s_warp[WARPS];
    __shared__ int s_idx[TILE];
    __shared__ float s_val[TILE];
    const int tid = threadIdx.x, lane = tid & 31, wid = tid >> 5;
    if (tid == 0) s_tile = atomicAdd(tile_counter, 1);
    __syncthreads();
    const int tile = s_tile;
    const long long first = (long long)tile * TILE + (long long)tid * ITEMS;

    float v[ITEMS];
    if (vec_ok && first + ITEMS <= n) {
        const float4 *p = reinterpret_cast<const float4 *>(x + first);
        float4 a = p[0], b = p[1];
        v[0] = a.x; v[1] = a.y; v[2] = a.z; v[3] = a.w;
        v[4] = b.x; v[5] = b.y; v[6] = b.z; v[7] = b.w;
    } else {
#pragma unroll
        for (int k = 0; k < ITEMS; k++) v[k] = (first + k < n) ? x[first + k] : 0.0f;
    }
    unsigned keep = 0;  // bit k: element first + k is kept
#pragma unroll
    for (int k = 0; k < ITEMS; k++) {
        float a = fabsf(v[k]);
        if (first + k < n && a >= lo && a < hi) keep |= 1u << k;
    }
    const int cnt = __popc(keep);

    // Exclusive scan of the per-thread counts over the block.
    int incl = cnt;
#pragma unroll
    for (int d = 1; d < 32; d <<= 1) {
        int u = __shfl_up_sync(0xffffffffu, incl, d);
        if (lane >= d) incl += u;
    }
    if (lane == 31) s_warp[wid] = incl;
    __syncthreads();
    int before = incl - cnt, tile_kept = 0;
#pragma unroll
    for (int w = 0; w < WARPS; w++) {
        int c = s_warp[w];
        if (w < wid) before += c;
        tile_kept += c;
    }

    // Stage this thread's kept pairs in shared memory, in order.
    int pos = before;
#pragma unroll
    for (int k = 0; k < ITEMS; k++) {
        if (keep & (1u << k)) {
            s_idx[pos] = (int)(first + k);
            s_val[pos] = v[k];
            pos++;
        }
    }

    // Decoupled look-back: thread 0 finds the number of kept elements in all earlier tiles.
    if (tid == 0) {
        int prefix = 0;
        if (tile == 0) {
            atomicExch(&status[0], pack_status(FLAG_PREFIX, tile_kept));
        } else {
            atomicExch(&status[tile], pack_status(FLAG_AGGREGATE, tile_kept));
            volatile unsigned long long *vs = status;
            int j = tile - 1;
            while (true) {
                unsigned long long s = vs[j];
                unsigned long long flag = s >> 32;
                if (flag == 0) {  // tile j has not published yet; its block is running
                    __nanosleep(20);
                    continue;
                }
                prefix += (int)(unsigned)(s & 0xffffffffull);
                if (flag == FLAG_PREFIX) break;
                j--;
            }
            atomicExch(&status[tile], pack_status(FLAG_PREFIX, prefix + tile_kept));
        }
        s_prefix = prefix;
        if (tile == num_tiles - 1) *total = prefix + tile_kept;
    }
    __syncthreads();

    // Coalesced copy of the staged pairs to their place in the output.
    const int out0 = s_prefix;
    for (int t = tid; t < tile_kept; t += BLOCK) {
        idx[out0 + t] = s_idx[t];
        val[out0 + t] = s_val[t];
    }
}

int select_band_indices_f32_device(int n, const float *x, float lo, float hi, int *idx,
                                   float *val) {
    if (n <= 0) return 0;
    int num_tiles = (int)(((long long)n + TILE - 1) / TILE);
    // status words, then the tile counter and the total (8-byte aligned from cudaMalloc)
    size_t bytes = (size_t)num_tiles * sizeof(unsigned long long) + 2 * sizeof(int);
    char *tmp = NULL;
    cudaMalloc((void **)&tmp, bytes);
    cudaMemsetAsync(tmp, 0, bytes);
    unsigned long long *status = (unsigned long long *)tmp;
    int *tile_counter = (int *)(tmp + (size_t)num_tiles * sizeof(unsigned long long));
    int *total = tile_counter + 1;
    int vec_ok = ((unsigned long long)(size_t)x % 16) == 0;
    select_band_kernel<<<num_tiles, BLOCK>>>(n, x, lo, hi, idx, val, num_tiles, vec_ok, status,
                                             tile_counter, total);
    int m = 0;
    cudaMemcpy(&m, total, sizeof(int), cudaMemcpyDeviceToHost);
    cudaFree(tmp);
    return m;
}
