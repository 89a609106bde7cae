// The block scan now uses warp shuffles: each warp scans its 32 products in registers with
// __shfl_up_sync, warp 0 scans the 16 warp products, and each warp multiplies by the product
// of the warps before it. Two barriers instead of two per level.
#define BLOCK 512
#define WARPS (BLOCK / 32)

__device__ __forceinline__ double warp_scan(double v) {
    int lane = threadIdx.x & 31;
    for (int d = 1; d < 32; d <<= 1) {
        double u = __shfl_up_sync(0xffffffffu, v, d);
        if (lane >= d) v = u * v;
    }
    return v;
}

// Inclusive product scan of one value per thread; warp_tot[WARPS] is shared scratch. Called
// by all threads; ends with a barrier, and warp_tot[WARPS - 1] then holds the block product.
__device__ double block_scan(double v, double *warp_tot) {
    int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
    v = warp_scan(v);
    if (lane == 31) warp_tot[warp] = v;
    __syncthreads();
    if (warp == 0) {
        double w = warp_scan((lane < WARPS) ? warp_tot[lane] : 1.0);
        if (lane < WARPS) warp_tot[lane] = w;
    }
    __syncthreads();
    if (warp > 0) v = warp_tot[warp - 1] * v;
    return v;
}

__global__ void scan_blocks(int n, const double *x, double *y, double *block_prod) {
    __shared__ double warp_tot[WARPS];
    int i = blockIdx.x * BLOCK + threadIdx.x;
    double incl = block_scan((i < n) ? x[i] : 1.0, warp_tot);
    if (i < n) y[i] = incl;
    if (threadIdx.x == BLOCK - 1) block_prod[blockIdx.x] = incl;
}

// One block: replaces p[0..nb) by the product of the entries before each one (1 for the first).
__global__ void scan_block_prod(int nb, double *p) {
    __shared__ double warp_tot[WARPS];
    double carry = 1.0;
    for (int base = 0; base < nb; base += BLOCK) {
        int t = threadIdx.x, i = base + t;
        double incl = block_scan((i < nb) ? p[i] : 1.0, warp_tot);
        // the exclusive product of entry t is the inclusive one of entry t - 1: from the lane
        // below, or for lane 0 of a warp the product of the warps before it (1 for warp 0)
        double before = __shfl_up_sync(0xffffffffu, incl, 1);
        int lane = t & 31, warp = t >> 5;
        if (lane == 0) before = (warp > 0) ? warp_tot[warp - 1] : 1.0;
        if (i < nb) p[i] = carry * before;
        carry *= warp_tot[WARPS - 1];
        __syncthreads();  // all have read warp_tot before the next chunk overwrites it
    }
}

__global__ void apply_offsets(int n, double *y, const double *prefix) {
    int b = blockIdx.x + 1;  // nothing comes before block 0
    int i = b * BLOCK + threadIdx.x;
    if (i < n) y[i] = prefix[b] * y[i];
}

void cumprod_f64_device(int n, const double *x, double *y) {
    if (n <= 0) return;
    int nb = (n + BLOCK - 1) / BLOCK;
    double *bprod = nullptr;
    cudaMalloc(&bprod, (size_t)nb * sizeof(double));
    scan_blocks<<<nb, BLOCK>>>(n, x, y, bprod);
    if (nb > 1) {
        scan_block_prod<<<1, BLOCK>>>(nb, bprod);
        apply_offsets<<<nb - 1, BLOCK>>>(n, y, bprod);
    }
    cudaFree(bprod);
}
