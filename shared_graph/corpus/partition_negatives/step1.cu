// Stable partition as count / scan / scatter, tiles of 256 elements (one per thread):
//  1. each block counts the negatives of its tile (__syncthreads_count)
//  2. one block scans the tile counts: neg_off[t] = negatives before tile t, and their total
//  3. each element's rank among the negatives of its tile comes from a shared-memory scan of
//     the flags; a negative goes to neg_off[t] + rank, a non-negative x[i] to
//     total_neg + (i - negatives before i).
#define TILE 256

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

__global__ void count_negatives_kernel(int n, const float *x, int *tile_neg) {
    long long i = (long long)blockIdx.x * TILE + threadIdx.x;
    int neg = __syncthreads_count(i < n && x[i] < 0.0f);
    if (threadIdx.x == 0) tile_neg[blockIdx.x] = neg;
}

// One block: tile_neg becomes its exclusive scan, *total_neg the sum.
__global__ void scan_tiles_kernel(int num_tiles, int *tile_neg, int *total_neg) {
    int carry = 0;
    for (long long base = 0; base < num_tiles; base += blockDim.x) {
        long long t = base + threadIdx.x;
        int v = t < num_tiles ? tile_neg[t] : 0;
        int total;
        int ex = block_exclusive_scan(v, total);
        if (t < num_tiles) tile_neg[t] = carry + ex;
        carry += total;
    }
    if (threadIdx.x == 0) *total_neg = carry;
}

__global__ void scatter_kernel(int n, const float *x, const int *neg_off, const int *total_neg,
                               float *out) {
    __shared__ int buf[TILE];
    int tid = threadIdx.x;
    long long i = (long long)blockIdx.x * TILE + tid;
    float v = i < n ? x[i] : 0.0f;
    int flag = (i < n && v < 0.0f) ? 1 : 0;
    buf[tid] = flag;
    __syncthreads();
    for (int off = 1; off < TILE; off <<= 1) {  // Hillis-Steele inclusive scan of the flags
        int add = tid >= off ? buf[tid - off] : 0;
        __syncthreads();
        buf[tid] += add;
        __syncthreads();
    }
    if (i < n) {
        long long neg_before = (long long)neg_off[blockIdx.x] + buf[tid] - flag;
        long long pos = flag ? neg_before : (long long)*total_neg + (i - neg_before);
        out[pos] = v;
    }
}

int partition_negatives_device(int n, const float *x, float *out) {
    if (n <= 0) return 0;
    int num_tiles = (int)(((long long)n + TILE - 1) / TILE);
    int *tmp = NULL;
    cudaMalloc((void **)&tmp, ((size_t)num_tiles + 1) * sizeof(int));
    int *tile_neg = tmp, *total_neg = tmp + num_tiles;
    count_negatives_kernel<<<num_tiles, TILE>>>(n, x, tile_neg);
    scan_tiles_kernel<<<1, 1024>>>(num_tiles, tile_neg, total_neg);
    scatter_kernel<<<num_tiles, TILE>>>(n, x, tile_neg, total_neg, out);
    int neg = 0;
    cudaMemcpy(&neg, total_neg, sizeof(int), cudaMemcpyDeviceToHost);
    cudaFree(tmp);
    return neg;
}
