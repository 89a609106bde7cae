// Stable counting sort, coarsened tiles, privatized tile counts; the scatter ranks equal keys
// with warp-level matching (__match_any_sync + popc) instead of a loop over the tile.
#define NKEYS 256
#define BLOCK 256   // threads per block; one thread per key in the count and update phases
#define ROUNDS 16
#define TILE (BLOCK * ROUNDS)

// Exclusive scan over the block (blockDim.x a multiple of 32); all threads must call it.
__device__ int block_exclusive_scan(int v, int &total) {
    __shared__ int warp_sums[32];
    int lane = threadIdx.x & 31, wid = threadIdx.x >> 5, nw = blockDim.x >> 5;
    int incl = v;
    for (int off = 1; off < 32; off <<= 1) {
        int u = __shfl_up_sync(0xffffffffu, incl, off);
        if (lane >= off) incl += u;
    }
    if (lane == 31) warp_sums[wid] = incl;
    __syncthreads();
    if (wid == 0) {
        int s = lane < nw ? warp_sums[lane] : 0;
        for (int off = 1; off < 32; off <<= 1) {
            int u = __shfl_up_sync(0xffffffffu, s, off);
            if (lane >= off) s += u;
        }
        warp_sums[lane] = s;
    }
    __syncthreads();
    int excl = (wid > 0 ? warp_sums[wid - 1] : 0) + incl - v;
    total = warp_sums[nw - 1];
    __syncthreads();  // warp_sums is reused by the next call
    return excl;
}

__device__ __forceinline__ int load_key(int n, const int *key, long long i) {
    if (i >= n) return -1;
    int k = key[i];
    return (k >= 0 && k < NKEYS) ? k : -1;
}

__global__ void tile_counts_kernel(int n, const int *key, int num_tiles, int *counts) {
    __shared__ int hist[NKEYS];
    hist[threadIdx.x] = 0;
    __syncthreads();
    long long tile_start = (long long)blockIdx.x * TILE;
    for (int r = 0; r < ROUNDS; r++) {
        int k = load_key(n, key, tile_start + (long long)r * BLOCK + threadIdx.x);
        if (k >= 0) atomicAdd(&hist[k], 1);
    }
    __syncthreads();
    counts[(long long)threadIdx.x * num_tiles + blockIdx.x] = hist[threadIdx.x];
}

// Block k: exclusive scan of counts[k][0 .. num_tiles) in place; key_total[k] = the row's sum.
__global__ void scan_rows_kernel(int num_tiles, int *counts, int *key_total) {
    int *row = counts + (long long)blockIdx.x * num_tiles;
    int carry = 0;
    for (long long base = 0; base < num_tiles; base += blockDim.x) {
        long long t = base + threadIdx.x;
        int v = t < num_tiles ? row[t] : 0;
        int total;
        int ex = block_exclusive_scan(v, total);
        if (t < num_tiles) row[t] = carry + ex;
        carry += total;
    }
    if (threadIdx.x == 0) key_total[blockIdx.x] = carry;
}

__global__ void scan_keys_kernel(const int *key_total, int *key_base) {  // <<<1, NKEYS>>>
    int total;
    key_base[threadIdx.x] = block_exclusive_scan(key_total[threadIdx.x], total);
}

#define WARPS (BLOCK / 32)

// Stable ranks without scanning the tile: within a warp, __match_any_sync gives the lanes that
// hold the same key, and the number of those with a lower lane id is the rank in the warp; the
// warp's count per key goes to wcount[warp][key], and earlier warps' counts are added.
__global__ void scatter_kernel(int n, const int *key, int num_tiles, const int *offsets,
                               const int *key_base, int *sorted_key, int *perm) {
    __shared__ int next_pos[NKEYS];  // where the next element of key k in this tile goes
    __shared__ int wcount[WARPS][NKEYS];
    int tid = threadIdx.x, lane = tid & 31, wid = tid >> 5;
    next_pos[tid] = key_base[tid] + offsets[(long long)tid * num_tiles + blockIdx.x];
    for (int w = 0; w < WARPS; w++) wcount[w][tid] = 0;
    __syncthreads();
    long long tile_start = (long long)blockIdx.x * TILE;
    for (int r = 0; r < ROUNDS; r++) {
        long long first = tile_start + (long long)r * BLOCK;
        if (first >= n) break;  // uniform over the block
        long long i = first + tid;
        int k = load_key(n, key, i);  // -1 past the end: those lanes still take part below
        unsigned peers = __match_any_sync(0xffffffffu, k);
        int rank = __popc(peers & ((1u << lane) - 1u));
        if (k >= 0 && lane == __ffs(peers) - 1) wcount[wid][k] = __popc(peers);
        __syncthreads();
        if (k >= 0) {
            int pos = next_pos[k] + rank;
            for (int w = 0; w < wid; w++) pos += wcount[w][k];
            sorted_key[pos] = k;
            perm[pos] = (int)i;
        }
        __syncthreads();  // every read of wcount and next_pos of this round is done
        int add = 0;      // thread tid owns key tid: advance it and clear its warp counts
        for (int w = 0; w < WARPS; w++) {
            add += wcount[w][tid];
            wcount[w][tid] = 0;
        }
        next_pos[tid] += add;
        __syncthreads();
    }
}

void counting_sort_keys_device(int n, const int *key, int *sorted_key, int *perm) {
    if (n <= 0) return;
    int num_tiles = (int)(((long long)n + TILE - 1) / TILE);
    int *tmp = NULL;
    size_t count_elems = (size_t)NKEYS * num_tiles;
    cudaMalloc((void **)&tmp, (count_elems + 2 * NKEYS) * sizeof(int));
    int *counts = tmp, *key_total = tmp + count_elems, *key_base = key_total + NKEYS;
    tile_counts_kernel<<<num_tiles, BLOCK>>>(n, key, num_tiles, counts);
    scan_rows_kernel<<<NKEYS, 1024>>>(num_tiles, counts, key_total);
    scan_keys_kernel<<<1, NKEYS>>>(key_total, key_base);
    scatter_kernel<<<num_tiles, BLOCK>>>(n, key, num_tiles, counts, key_base, sorted_key, perm);
    cudaFree(tmp);
}
