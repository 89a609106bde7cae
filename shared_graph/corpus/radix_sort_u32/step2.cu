// LSD radix sort, 4 stable byte passes. The per-tile digit counts are a privatized histogram:
// one shared-memory atomic per element into the block's 256 bins instead of 256 comparisons.
#define NDIGITS 256
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

__global__ void tile_counts_kernel(int n, const unsigned int *src, int shift, int num_tiles,
                                   int *counts) {
    __shared__ int hist[NDIGITS];
    hist[threadIdx.x] = 0;
    __syncthreads();
    long long i = (long long)blockIdx.x * TILE + threadIdx.x;
    if (i < n) atomicAdd(&hist[(src[i] >> shift) & 255u], 1);
    __syncthreads();
    counts[(long long)threadIdx.x * num_tiles + blockIdx.x] = hist[threadIdx.x];
}

// Block d: exclusive scan of counts[d][0 .. num_tiles) in place; digit_total[d] = the row's sum.
__global__ void scan_rows_kernel(int num_tiles, int *counts, int *digit_total) {
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
    if (threadIdx.x == 0) digit_total[blockIdx.x] = carry;
}

__global__ void scan_digits_kernel(const int *digit_total, int *digit_base) {  // <<<1, NDIGITS>>>
    int total;
    digit_base[threadIdx.x] = block_exclusive_scan(digit_total[threadIdx.x], total);
}

__global__ void scatter_kernel(int n, const unsigned int *src, int shift, int num_tiles,
                               const int *offsets, const int *digit_base, unsigned int *dst) {
    __shared__ int sdig[TILE];
    long long i = (long long)blockIdx.x * TILE + threadIdx.x;
    unsigned int v = i < n ? src[i] : 0u;
    int d = i < n ? (int)((v >> shift) & 255u) : -1;
    sdig[threadIdx.x] = d;
    __syncthreads();
    if (d >= 0) {
        int rank = 0;  // equal digits before this element in the tile: keeps the pass stable
        for (int j = 0; j < (int)threadIdx.x; j++) rank += (sdig[j] == d);
        dst[digit_base[d] + offsets[(long long)d * num_tiles + blockIdx.x] + rank] = v;
    }
}

void radix_sort_u32_device(int n, const unsigned int *in, unsigned int *out) {
    if (n <= 0) return;
    int num_tiles = (int)(((long long)n + TILE - 1) / TILE);
    size_t count_elems = (size_t)NDIGITS * num_tiles;
    int *work = NULL;
    unsigned int *tmp = NULL;
    cudaMalloc((void **)&work, (count_elems + 2 * NDIGITS) * sizeof(int));
    cudaMalloc((void **)&tmp, (size_t)n * sizeof(unsigned int));
    int *counts = work, *digit_total = work + count_elems, *digit_base = digit_total + NDIGITS;
    // in -> tmp -> out -> tmp -> out: the input is never written, the result ends in out.
    const unsigned int *src = in;
    unsigned int *dst = tmp;
    for (int shift = 0; shift < 32; shift += 8) {
        tile_counts_kernel<<<num_tiles, TILE>>>(n, src, shift, num_tiles, counts);
        scan_rows_kernel<<<NDIGITS, 1024>>>(num_tiles, counts, digit_total);
        scan_digits_kernel<<<1, NDIGITS>>>(digit_total, digit_base);
        scatter_kernel<<<num_tiles, TILE>>>(n, src, shift, num_tiles, counts, digit_base, dst);
        src = dst;
        dst = (dst == tmp) ? out : tmp;
    }
    cudaFree(tmp);  // cudaFree waits for the kernels that use it
    cudaFree(work);
}
