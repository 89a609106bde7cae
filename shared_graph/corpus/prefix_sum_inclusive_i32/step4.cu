// Each thread scans ITEMS = 8 consecutive elements sequentially in registers; the block scan
// then only combines the 512 per-thread totals. A tile of 4096 elements is loaded and stored
// coalesced through shared memory (thread t touches t, t + 512, ...), and read back by each
// thread as its 8 consecutive elements.
#define BLOCK 512
#define WARPS (BLOCK / 32)
#define ITEMS 8
#define TILE (BLOCK * ITEMS)

__device__ __forceinline__ int warp_scan(int v) {
    int lane = threadIdx.x & 31;
    for (int d = 1; d < 32; d <<= 1) {
        int u = __shfl_up_sync(0xffffffffu, v, d);
        if (lane >= d) v += u;
    }
    return v;
}

// Inclusive scan of one value per thread; warp_tot[WARPS] is shared scratch. Called by all
// threads; ends with a barrier, and warp_tot[WARPS - 1] then holds the block total.
__device__ int block_scan(int v, int *warp_tot) {
    int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
    v = warp_scan(v);
    if (lane == 31) warp_tot[warp] = v;
    __syncthreads();
    if (warp == 0) {
        int w = warp_scan((lane < WARPS) ? warp_tot[lane] : 0);
        if (lane < WARPS) warp_tot[lane] = w;
    }
    __syncthreads();
    if (warp > 0) v += warp_tot[warp - 1];
    return v;
}

__global__ void scan_tiles(int n, const int *x, int *y, int *tile_sums) {
    __shared__ int tile[TILE];
    __shared__ int warp_tot[WARPS];
    int t = threadIdx.x;
    int base = blockIdx.x * TILE;
#pragma unroll
    for (int k = 0; k < ITEMS; k++) {
        int j = k * BLOCK + t, i = base + j;
        tile[j] = (i < n) ? x[i] : 0;
    }
    __syncthreads();
    int r[ITEMS];
    int sum = 0;
#pragma unroll
    for (int k = 0; k < ITEMS; k++) {
        sum += tile[t * ITEMS + k];
        r[k] = sum;
    }
    int incl = block_scan(sum, warp_tot);  // its barriers order all reads of tile above
    int excl = incl - sum;
#pragma unroll
    for (int k = 0; k < ITEMS; k++) tile[t * ITEMS + k] = r[k] + excl;
    __syncthreads();
#pragma unroll
    for (int k = 0; k < ITEMS; k++) {
        int j = k * BLOCK + t, i = base + j;
        if (i < n) y[i] = tile[j];
    }
    if (t == BLOCK - 1) tile_sums[blockIdx.x] = incl;
}

// One block: replaces sums[0..nb) by their exclusive prefix sums.
__global__ void scan_block_sums(int nb, int *sums) {
    __shared__ int warp_tot[WARPS];
    int carry = 0;
    for (int base = 0; base < nb; base += BLOCK) {
        int i = base + threadIdx.x;
        int v = (i < nb) ? sums[i] : 0;
        int incl = block_scan(v, warp_tot);
        if (i < nb) sums[i] = carry + incl - v;
        carry += warp_tot[WARPS - 1];
        __syncthreads();  // all have read warp_tot before the next chunk overwrites it
    }
}

__global__ void add_offsets(int n, int *y, const int *offsets) {
    int b = blockIdx.x + 1;  // tile 0 has offset 0
    int off = offsets[b];
#pragma unroll
    for (int k = 0; k < ITEMS; k++) {
        int i = b * TILE + k * BLOCK + threadIdx.x;
        if (i < n) y[i] += off;
    }
}

void prefix_sum_inclusive_i32_device(int n, const int *x, int *y) {
    if (n <= 0) return;
    int nb = (n + TILE - 1) / TILE;
    int *sums = nullptr;
    cudaMalloc(&sums, (size_t)nb * sizeof(int));
    scan_tiles<<<nb, BLOCK>>>(n, x, y, sums);
    if (nb > 1) {
        scan_block_sums<<<1, BLOCK>>>(nb, sums);
        add_offsets<<<nb - 1, BLOCK>>>(n, y, sums);
    }
    cudaFree(sums);
}
