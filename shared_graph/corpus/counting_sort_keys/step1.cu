// Stable counting sort on the GPU, one thread per element / per key:
//  1. tiles of 256 elements: thread k of block t counts key k in tile t -> counts[k][t]
//  2. one block per key scans its row counts[k][*] (exclusive), a tiny kernel scans the 256 key
//     totals; key k of tile t then starts at key_base[k] + counts[k][t], which is exactly the
//     position the sequential scatter gives the first such element
//  3. each element's rank among the equal keys before it in its tile is added: stable output.
#define NKEYS 256
#define TILE 256  // elements per tile = threads per block

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
    __shared__ int skey[TILE];
    long long i = (long long)blockIdx.x * TILE + threadIdx.x;
    skey[threadIdx.x] = load_key(n, key, i);
    __syncthreads();
    int k = threadIdx.x, c = 0;  // thread k counts key k in this tile
    for (int j = 0; j < TILE; j++) c += (skey[j] == k);
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
    __shared__ int skey[TILE];
    long long i = (long long)blockIdx.x * TILE + threadIdx.x;
    int k = load_key(n, key, i);
    skey[threadIdx.x] = k;
    __syncthreads();
    if (k >= 0) {
        int rank = 0;
        for (int j = 0; j < (int)threadIdx.x; j++) rank += (skey[j] == k);
        int pos = key_base[k] + offsets[(long long)k * num_tiles + blockIdx.x] + rank;
        sorted_key[pos] = k;
        perm[pos] = (int)i;
    }
}

void counting_sort_keys_device(int n, const int *key, int *sorted_key, int *perm) {
    if (n <= 0) return;
    int num_tiles = (int)(((long long)n + TILE - 1) / TILE);
    int *tmp = NULL;
    size_t count_elems = (size_t)NKEYS * num_tiles;
    cudaMalloc((void **)&tmp, (count_elems + 2 * NKEYS) * sizeof(int));
    int *counts = tmp, *key_total = tmp + count_elems, *key_base = key_total + NKEYS;
    tile_counts_kernel<<<num_tiles, TILE>>>(n, key, num_tiles, counts);
    scan_rows_kernel<<<NKEYS, 1024>>>(num_tiles, counts, key_total);
    scan_keys_kernel<<<1, NKEYS>>>(key_total, key_base);
    scatter_kernel<<<num_tiles, TILE>>>(n, key, num_tiles, counts, key_base, sorted_key, perm);
    cudaFree(tmp);  // implicitly waits for the kernels above
}
