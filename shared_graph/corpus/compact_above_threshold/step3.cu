// Single-pass compaction (decoupled look-back): the count, scan and scatter kernels are fused.
// Each block takes the next tile id from a counter (ids follow the order in which blocks
// start, so a block only ever waits for blocks that are already running), counts its kept
// elements with warp votes, publishes that count, and thread 0 walks back over the preceding
// tiles' published values until it meets one that carries an inclusive prefix. Flag and value
// share one 64-bit word, written with atomicExch, so a reader never sees one without the other.
#define TILE 256
#define WARPS (TILE / 32)
#define FLAG_AGGREGATE 1ull  // value = kept elements of that tile
#define FLAG_PREFIX 2ull     // value = kept elements of that tile and of all tiles before it

__device__ __forceinline__ unsigned long long pack(unsigned long long flag, int value) {
    return (flag << 32) | (unsigned)value;
}

__global__ void compact_single_pass_kernel(int n, const float *x, float threshold, float *out,
                                           int num_tiles, unsigned long long *status,
                                           int *tile_counter, int *total) {
    __shared__ int s_tile, s_prefix;
    __shared__ int warp_kept[WARPS];
    int tid = threadIdx.x, lane = tid & 31, wid = tid >> 5;
    if (tid == 0) s_tile = atomicAdd(tile_counter, 1);
    __syncthreads();
    int tile = s_tile;
    long long i = (long long)tile * TILE + tid;
    float v = i < n ? x[i] : 0.0f;
    bool flag = i < n && v > threshold;
    unsigned votes = __ballot_sync(0xffffffffu, flag);
    if (lane == 0) warp_kept[wid] = __popc(votes);
    __syncthreads();
    int before = __popc(votes & ((1u << lane) - 1u)), kept = 0;
    for (int w = 0; w < WARPS; w++) {
        int c = warp_kept[w];
        if (w < wid) before += c;
        kept += c;
    }
    if (tid == 0) {
        int prefix = 0;
        if (tile == 0) {
            atomicExch(&status[0], pack(FLAG_PREFIX, kept));
        } else {
            atomicExch(&status[tile], pack(FLAG_AGGREGATE, kept));
            volatile unsigned long long *vs = status;
            int j = tile - 1;
            while (true) {
                unsigned long long s = vs[j];
                unsigned long long f = s >> 32;
                if (f == 0) continue;  // tile j has not published yet: its block is running
                prefix += (int)(unsigned)(s & 0xffffffffull);
                if (f == FLAG_PREFIX) break;
                j--;
            }
            atomicExch(&status[tile], pack(FLAG_PREFIX, prefix + kept));
        }
        s_prefix = prefix;
        if (tile == num_tiles - 1) *total = prefix + kept;
    }
    __syncthreads();
    if (flag) out[s_prefix + before] = v;
}

int compact_above_threshold_device(int n, const float *x, float threshold, float *out) {
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
    compact_single_pass_kernel<<<num_tiles, TILE>>>(n, x, threshold, out, num_tiles, status,
                                                    tile_counter, total);
    int m = 0;
    cudaMemcpy(&m, total, sizeof(int), cudaMemcpyDeviceToHost);
    cudaFree(tmp);
    return m;
}
