// The pair scan inside a block now uses warp shuffles: each warp scans its 32 pairs in
// registers with __shfl_up_sync, warp 0 scans the 16 warp summaries, and each warp combines
// with the summary of the warps before it. Two barriers instead of two per level.
// Operator: (fa, va) + (fb, vb) = (fa | fb, fb ? vb : va + vb).
#define BLOCK 512
#define WARPS (BLOCK / 32)

__device__ __forceinline__ void warp_seg_scan(int &f, int &v) {
    int lane = threadIdx.x & 31;
    for (int d = 1; d < 32; d <<= 1) {
        int pf = __shfl_up_sync(0xffffffffu, f, d);
        int pv = __shfl_up_sync(0xffffffffu, v, d);
        if (lane >= d) {
            v = f ? v : pv + v;
            f = f | pf;
        }
    }
}

// Inclusive scan of one pair per thread; wf/wv[WARPS] are shared scratch. Called by all
// threads; ends with a barrier, and wf/wv[WARPS - 1] then hold the block summary.
__device__ void block_seg_scan(int &f, int &v, int *wf, int *wv) {
    int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
    warp_seg_scan(f, v);
    if (lane == 31) {
        wf[warp] = f;
        wv[warp] = v;
    }
    __syncthreads();
    if (warp == 0) {
        int g = (lane < WARPS) ? wf[lane] : 0, w = (lane < WARPS) ? wv[lane] : 0;
        warp_seg_scan(g, w);
        if (lane < WARPS) {
            wf[lane] = g;
            wv[lane] = w;
        }
    }
    __syncthreads();
    if (warp > 0) {
        v = f ? v : wv[warp - 1] + v;
        f = f | wf[warp - 1];
    }
}

__global__ void scan_blocks(int n, const int *x, const unsigned char *flags, int *y,
                            int *bflag, int *bval, int *head) {
    __shared__ int wf[WARPS], wv[WARPS];
    __shared__ int first;
    int t = threadIdx.x;
    int i = blockIdx.x * BLOCK + t;
    int raw = (i < n && flags[i]) ? 1 : 0;
    int f = raw, v = (i < n) ? x[i] : 0;  // padding (0, 0) is neutral
    if (t == 0) first = BLOCK;
    __syncthreads();
    if (raw) atomicMin(&first, t);
    block_seg_scan(f, v, wf, wv);  // its barriers also complete the atomicMin above
    if (i < n) y[i] = v;
    if (t == BLOCK - 1) {
        bflag[blockIdx.x] = f;
        bval[blockIdx.x] = v;
        head[blockIdx.x] = first;
    }
}

// One block: carry[b] = the segmented running sum just before block b (carry[0] = 0).
__global__ void scan_block_pairs(int nb, const int *bflag, const int *bval, int *carry) {
    __shared__ int wf[WARPS], wv[WARPS];
    int t = threadIdx.x;
    int cv = 0;  // running sum after the previous chunk
    for (int base = 0; base < nb; base += BLOCK) {
        int i = base + t;
        int f = (i < nb) ? bflag[i] : 0, v = (i < nb) ? bval[i] : 0;
        block_seg_scan(f, v, wf, wv);
        // exclusive pair of entry t = inclusive pair of entry t - 1: from the lane below, or
        // for lane 0 of a warp the summary of the warps before it ((0, 0) for warp 0)
        int ef = __shfl_up_sync(0xffffffffu, f, 1), ev = __shfl_up_sync(0xffffffffu, v, 1);
        int lane = t & 31, warp = t >> 5;
        if (lane == 0) {
            ef = (warp > 0) ? wf[warp - 1] : 0;
            ev = (warp > 0) ? wv[warp - 1] : 0;
        }
        if (i < nb) carry[i] = ef ? ev : cv + ev;
        cv = wf[WARPS - 1] ? wv[WARPS - 1] : cv + wv[WARPS - 1];
        __syncthreads();  // all have read wf/wv before the next chunk overwrites them
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
