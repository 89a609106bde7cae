// Three phases over (flag, value) pairs, (fa, va) + (fb, vb) = (fa | fb, fb ? vb : va + vb):
// (1) each block scans its 512 pairs in shared memory, writes the local running sums, and
//     records its summary pair and head = the position of its first flag (512 if none);
// (2) one block scans the summaries into carry[b] = the running sum just before block b;
// (3) in every block b >= 1 the elements before the first flag add carry[b].
#define BLOCK 512

// Inclusive Hillis-Steele scan of one pair per thread in shared memory. Called by all
// threads; ends with a barrier, so sf/sv hold the scanned pairs on return.
__device__ void block_seg_scan(int &f, int &v, int *sf, int *sv) {
    int t = threadIdx.x;
    sf[t] = f;
    sv[t] = v;
    __syncthreads();
    for (int d = 1; d < BLOCK; d <<= 1) {
        int pf = 0, pv = 0;
        if (t >= d) {
            pf = sf[t - d];
            pv = sv[t - d];
        }
        __syncthreads();
        if (t >= d) {
            int cf = sf[t], cv = sv[t];
            sv[t] = cf ? cv : pv + cv;
            sf[t] = cf | pf;
        }
        __syncthreads();
    }
    f = sf[t];
    v = sv[t];
}

__global__ void scan_blocks(int n, const int *x, const unsigned char *flags, int *y,
                            int *bflag, int *bval, int *head) {
    __shared__ int sf[BLOCK], sv[BLOCK];
    __shared__ int first;
    int t = threadIdx.x;
    int i = blockIdx.x * BLOCK + t;
    int raw = (i < n && flags[i]) ? 1 : 0;
    int f = raw, v = (i < n) ? x[i] : 0;  // padding (0, 0) is neutral
    if (t == 0) first = BLOCK;
    __syncthreads();
    if (raw) atomicMin(&first, t);
    block_seg_scan(f, v, sf, sv);  // its barriers also complete the atomicMin above
    if (i < n) y[i] = v;
    if (t == BLOCK - 1) {
        bflag[blockIdx.x] = f;
        bval[blockIdx.x] = v;
        head[blockIdx.x] = first;
    }
}

// One block: carry[b] = the segmented running sum just before block b (carry[0] = 0).
__global__ void scan_block_pairs(int nb, const int *bflag, const int *bval, int *carry) {
    __shared__ int sf[BLOCK], sv[BLOCK];
    int t = threadIdx.x;
    int cv = 0;  // running sum after the previous chunk
    for (int base = 0; base < nb; base += BLOCK) {
        int i = base + t;
        int f = (i < nb) ? bflag[i] : 0, v = (i < nb) ? bval[i] : 0;
        block_seg_scan(f, v, sf, sv);
        int ef = (t > 0) ? sf[t - 1] : 0, ev = (t > 0) ? sv[t - 1] : 0;  // exclusive pair
        if (i < nb) carry[i] = ef ? ev : cv + ev;
        cv = sf[BLOCK - 1] ? sv[BLOCK - 1] : cv + sv[BLOCK - 1];
        __syncthreads();  // all have read sf/sv before the next chunk overwrites them
    }
}

__global__ void add_carries(int n, int *y, const int *head, const int *carry) {
    int b = blockIdx.x + 1;  // block 0 starts from 0
    int i = b * BLOCK + threadIdx.x;
    if (i < n && threadIdx.x < head[b]) y[i] += carry[b];
}

void segmented_sum_i32_device(int n, const int *x, const unsigned char *flags, int *y) {
    if (n <= 0) return;
    int nb = (n + BLOCK - 1) / BLOCK;
    int *buf = nullptr;  // bflag, bval, head, carry: nb ints each
    cudaMalloc(&buf, 4 * (size_t)nb * sizeof(int));
    int *bflag = buf, *bval = buf + nb, *head = buf + 2 * (size_t)nb, *carry = buf + 3 * (size_t)nb;
    scan_blocks<<<nb, BLOCK>>>(n, x, flags, y, bflag, bval, head);
    if (nb > 1) {
        scan_block_pairs<<<1, BLOCK>>>(nb, bflag, bval, carry);
        add_carries<<<nb - 1, BLOCK>>>(n, y, head, carry);
    }
    cudaFree(buf);
}
