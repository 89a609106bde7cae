// The recurrence is a scan over affine maps (A, B): y = A * y_prev + B, composed as
// (A2, B2) o (A1, B1) = (A2 A1, A2 B1 + B2). Each block scans 1024 elements (warp shuffle
// scans, then the warps' totals in shared memory) and stores its total map; the block totals
// are scanned by one block (in chunks of 1024, carrying the running map); a last pass applies
// each block's prefix to its elements.
#define BLOCK 1024

struct Affine { float a, b; };

__device__ __forceinline__ Affine compose(Affine first, Affine second) {  // second after first
    return {second.a * first.a, second.a * first.b + second.b};
}

__device__ Affine block_scan(Affine v, Affine *warp_tot) {
    int lane = threadIdx.x & 31, w = threadIdx.x >> 5;
    for (int o = 1; o < 32; o <<= 1) {
        float pa = __shfl_up_sync(0xffffffffu, v.a, o);
        float pb = __shfl_up_sync(0xffffffffu, v.b, o);
        if (lane >= o) v = compose({pa, pb}, v);
    }
    if (lane == 31) warp_tot[w] = v;
    __syncthreads();
    if (w == 0) {
        Affine t = lane < BLOCK / 32 ? warp_tot[lane] : Affine{1.0f, 0.0f};
        for (int o = 1; o < 32; o <<= 1) {
            float pa = __shfl_up_sync(0xffffffffu, t.a, o);
            float pb = __shfl_up_sync(0xffffffffu, t.b, o);
            if (lane >= o) t = compose({pa, pb}, t);
        }
        warp_tot[lane] = t;  // inclusive scan of the warp totals
    }
    __syncthreads();
    if (w > 0) v = compose(warp_tot[w - 1], v);
    __syncthreads();
    return v;
}

__global__ void scan_blocks_kernel(int n, const float *a, const float *b, float *ys_a,
                                   float *ys_b, Affine *block_tot) {
    __shared__ Affine warp_tot[32];
    int i = blockIdx.x * BLOCK + threadIdx.x;
    Affine v = i < n ? Affine{a[i], b[i]} : Affine{1.0f, 0.0f};
    v = block_scan(v, warp_tot);
    if (i < n) { ys_a[i] = v.a; ys_b[i] = v.b; }
    if (threadIdx.x == BLOCK - 1) block_tot[blockIdx.x] = v;
}

__global__ void scan_totals_kernel(int blocks, Affine *block_tot) {
    __shared__ Affine warp_tot[32];
    Affine carry = {1.0f, 0.0f};
    for (int base = 0; base < blocks; base += BLOCK) {
        int i = base + threadIdx.x;
        Affine v = i < blocks ? block_tot[i] : Affine{1.0f, 0.0f};
        v = compose(carry, block_scan(v, warp_tot));
        if (i < blocks) block_tot[i] = v;
        __shared__ Affine last;
        if (threadIdx.x == BLOCK - 1) last = v;
        __syncthreads();
        carry = last;
        __syncthreads();
    }
}

__global__ void apply_kernel(int n, const float *ys_a, const float *ys_b,
                             const Affine *block_tot, float *y) {
    int i = blockIdx.x * BLOCK + threadIdx.x;
    if (i >= n) return;
    float prev = blockIdx.x > 0 ? block_tot[blockIdx.x - 1].b : 0.0f;  // y before this block
    y[i] = ys_a[i] * prev + ys_b[i];
}

void linear_recurrence_f32_device(int n, const float *a, const float *b, float *y) {
    if (n <= 0) return;
    int blocks = (n + BLOCK - 1) / BLOCK;
    float *tmp = nullptr;
    Affine *tot = nullptr;
    cudaMalloc(&tmp, 2 * sizeof(float) * (size_t)n);
    cudaMalloc(&tot, sizeof(Affine) * blocks);
    scan_blocks_kernel<<<blocks, BLOCK>>>(n, a, b, tmp, tmp + n, tot);
    scan_totals_kernel<<<1, BLOCK>>>(blocks, tot);
    apply_kernel<<<blocks, BLOCK>>>(n, tmp, tmp + n, tot, y);
    cudaFree(tmp);
    cudaFree(tot);
}
