// Three phases: (1) each block scans its 512 elements in shared memory and records its total,
// (2) one block scans the block totals into exclusive offsets (chunk by chunk, carrying the
// running total), (3) every block but the first adds its offset.
#define BLOCK 512

// Inclusive Hillis-Steele scan of one value per thread in shared memory s[BLOCK]. Called by
// all threads; ends with a barrier, so s holds the scanned values on return.
__device__ int block_scan(int v, int *s) {
    int t = threadIdx.x;
    s[t] = v;
    __syncthreads();
    for (int d = 1; d < BLOCK; d <<= 1) {
        int add = (t >= d) ? s[t - d] : 0;
        __syncthreads();
        s[t] += add;
        __syncthreads();
    }
    return s[t];
}

__global__ void scan_blocks(int n, const int *x, int *y, int *block_sums) {
    __shared__ int s[BLOCK];
    int i = blockIdx.x * BLOCK + threadIdx.x;
    int incl = block_scan((i < n) ? x[i] : 0, s);
    if (i < n) y[i] = incl;
    if (threadIdx.x == BLOCK - 1) block_sums[blockIdx.x] = incl;
}

// One block: replaces sums[0..nb) by their exclusive prefix sums.
__global__ void scan_block_sums(int nb, int *sums) {
    __shared__ int s[BLOCK];
    int carry = 0;
    for (int base = 0; base < nb; base += BLOCK) {
        int i = base + threadIdx.x;
        int v = (i < nb) ? sums[i] : 0;
        int incl = block_scan(v, s);
        if (i < nb) sums[i] = carry + incl - v;
        carry += s[BLOCK - 1];
        __syncthreads();  // all have read s before the next chunk overwrites it
    }
}

__global__ void add_offsets(int n, int *y, const int *offsets) {
    int b = blockIdx.x + 1;  // block 0 has offset 0
    int i = b * BLOCK + threadIdx.x;
    if (i < n) y[i] += offsets[b];
}

void prefix_sum_inclusive_i32_device(int n, const int *x, int *y) {
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
