// The block scan now uses warp shuffles: each warp scans its 32 values in registers with
// __shfl_up_sync, warp 0 scans the 16 warp totals, and each warp adds the total of the warps
// before it. Two barriers instead of two per level.
#define BLOCK 512
#define WARPS (BLOCK / 32)

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

__global__ void scan_blocks(int n, const int *x, int *y, int *block_sums) {
    __shared__ int warp_tot[WARPS];
    int i = blockIdx.x * BLOCK + threadIdx.x;
    int v = (i < n) ? x[i] : 0;
    int incl = block_scan(v, warp_tot);
    if (i < n) y[i] = incl - v;  // exclusive within the block
    if (threadIdx.x == BLOCK - 1) block_sums[blockIdx.x] = incl;
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
    int b = blockIdx.x + 1;  // block 0 has offset 0
    int i = b * BLOCK + threadIdx.x;
    if (i < n) y[i] += offsets[b];
}

void prefix_sum_exclusive_i32_device(int n, const int *x, int *y) {
    if (n <= 0) return;
    int nb = (n + BLOCK - 1) / BLOCK;
    int *sums = nullptr;
    cudaMalloc(&sums, (size_t)nb * sizeof(int));
    scan_blocks<<<nb, BLOCK>>>(n, x, y, sums);
    if (nb > 1) {
        scan_block_sums<<<1, BLOCK>>>(nb, sums);
        add_offsets<<<nb - 1, BLOCK>>>(n, y, sums);
    }
    cudaFree(sums);
}
