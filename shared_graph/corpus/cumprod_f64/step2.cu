// Three phases: (1) each block computes the running products of its 512 elements in shared
// memory and records the block product, (2) one block scans the block products into
// exclusive prefix products (chunk by chunk, carrying the running product), (3) every block
// but the first multiplies by its prefix. 1.0 is the neutral element for padding.
#define BLOCK 512

// Inclusive Hillis-Steele product scan of one value per thread in shared memory s[BLOCK].
// Called by all threads; ends with a barrier, so s holds the scanned values on return.
__device__ double block_scan(double v, double *s) {
    int t = threadIdx.x;
    s[t] = v;
    __syncthreads();
    for (int d = 1; d < BLOCK; d <<= 1) {
        double before = (t >= d) ? s[t - d] : 1.0;
        __syncthreads();
        s[t] = before * s[t];
        __syncthreads();
    }
    return s[t];
}

__global__ void scan_blocks(int n, const double *x, double *y, double *block_prod) {
    __shared__ double s[BLOCK];
    int i = blockIdx.x * BLOCK + threadIdx.x;
    double incl = block_scan((i < n) ? x[i] : 1.0, s);
    if (i < n) y[i] = incl;
    if (threadIdx.x == BLOCK - 1) block_prod[blockIdx.x] = incl;
}

// One block: replaces p[0..nb) by the product of the entries before each one (1 for the first).
__global__ void scan_block_prod(int nb, double *p) {
    __shared__ double s[BLOCK];
    double carry = 1.0;
    for (int base = 0; base < nb; base += BLOCK) {
        int t = threadIdx.x, i = base + t;
        block_scan((i < nb) ? p[i] : 1.0, s);
        double before = (t > 0) ? s[t - 1] : 1.0;
        if (i < nb) p[i] = carry * before;
        carry *= s[BLOCK - 1];
        __syncthreads();  // all have read s before the next chunk overwrites it
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
