// Order-preserving compaction, count / scan / scatter; the rank of a kept element inside its
// tile now comes from warp votes (__ballot_sync + popc of the lower lanes) plus the counts of
// the earlier warps, instead of an 8-step shared-memory scan with 16 barriers.
#define TILE 256
#define WARPS (TILE / 32)

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
    __syncthreads();
    return excl;
}

__global__ void count_kept_kernel(int n, const float *x, float threshold, int *tile_kept) {
    long long i = (long long)blockIdx.x * TILE + threadIdx.x;
    int kept = __syncthreads_count(i < n && x[i] > threshold);
    if (threadIdx.x == 0) tile_kept[blockIdx.x] = kept;
}

// One block: tile_kept becomes its exclusive scan, *total the sum.
__global__ void scan_tiles_kernel(int num_tiles, int *tile_kept, int *total) {
    int carry = 0;
    for (long long base = 0; base < num_tiles; base += blockDim.x) {
        long long t = base + threadIdx.x;
        int v = t < num_tiles ? tile_kept[t] : 0;
        int sum;
        int ex = block_exclusive_scan(v, sum);
        if (t < num_tiles) tile_kept[t] = carry + ex;
        carry += sum;
    }
    if (threadIdx.x == 0) *total = carry;
}

__global__ void scatter_kernel(int n, const float *x, float threshold, const int *tile_off,
                               float *out) {
    __shared__ int warp_kept[WARPS];
    int tid = threadIdx.x, lane = tid & 31, wid = tid >> 5;
    long long i = (long long)blockIdx.x * TILE + tid;
    float v = i < n ? x[i] : 0.0f;
    bool flag = i < n && v > threshold;
    unsigned votes = __ballot_sync(0xffffffffu, flag);
    if (lane == 0) warp_kept[wid] = __popc(votes);
    __syncthreads();
    int before = __popc(votes & ((1u << lane) - 1u));
    for (int w = 0; w < wid; w++) before += warp_kept[w];
    if (flag) out[tile_off[blockIdx.x] + before] = v;
}

int compact_above_threshold_device(int n, const float *x, float threshold, float *out) {
    if (n <= 0) return 0;
    int num_tiles = (int)(((long long)n + TILE - 1) / TILE);
    int *tmp = NULL;
    cudaMalloc((void **)&tmp, ((size_t)num_tiles + 1) * sizeof(int));
    int *tile_kept = tmp, *total = tmp + num_tiles;
    count_kept_kernel<<<num_tiles, TILE>>>(n, x, threshold, tile_kept);
    scan_tiles_kernel<<<1, 1024>>>(num_tiles, tile_kept, total);
    scatter_kernel<<<num_tiles, TILE>>>(n, x, threshold, tile_kept, out);
    int m = 0;
    cudaMemcpy(&m, total, sizeof(int), cudaMemcpyDeviceToHost);
    cudaFree(tmp);
    return m;
}
