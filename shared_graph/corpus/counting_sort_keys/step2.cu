// Stable counting sort, coarsened: a block now owns a tile of ROUNDS x 256 elements, which it
// walks in order, 256 at a time, keeping a running start position per key in shared memory.
// The per-tile count table (256 counters per tile) and its scan shrink 16-fold.
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
    __shared__ int skey[BLOCK];
    long long tile_start = (long long)blockIdx.x * TILE;
    int k = threadIdx.x, c = 0;  // thread k counts key k over the whole tile
    for (int r = 0; r < ROUNDS; r++) {
        long long first = tile_start + (long long)r * BLOCK;
        if (first >= n) break;  // uniform over the block
        skey[threadIdx.x] = load_key(n, key, first + threadIdx.x);
        __syncthreads();
        for (int j = 0; j < BLOCK; j++) c += (skey[j] == k);
        __syncthreads();
    }
    counts[(long long)k * num_tiles + blockIdx.x] = c;
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

__global__ void scatter_kernel(int n, const int *key, int num_tiles, const int *offsets,
                               const int *key_base, int *sorted_key, int *perm) {
    __shared__ int skey[BLOCK];
    __shared__ int next_pos[NKEYS];  // where the next element of key k in this tile goes
    int tid = threadIdx.x;
    next_pos[tid] = key_base[tid] + offsets[(long long)tid * num_tiles + blockIdx.x];
    long long tile_start = (long long)blockIdx.x * TILE;
    for (int r = 0; r < ROUNDS; r++) {
        long long first = tile_start + (long long)r * BLOCK;
        if (first >= n) break;  // uniform over the block
        long long i = first + tid;
        int k = load_key(n, key, i);
        skey[tid] = k;
        __syncthreads();  // also orders the next_pos updates of the previous round
        if (k >= 0) {
            int rank = 0;
            for (int j = 0; j < tid; j++) rank += (skey[j] == k);
            int pos = next_pos[k] + rank;
            sorted_key[pos] = k;
            perm[pos] = (int)i;
        }
        int c = 0;  // elements of key tid in this round
        for (int j = 0; j < BLOCK; j++) c += (skey[j] == tid);
        __syncthreads();  // every read of skey and next_pos of this round is done
        next_pos[tid] += c;
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
