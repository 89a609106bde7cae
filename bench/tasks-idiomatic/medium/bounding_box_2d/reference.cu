// Bounding box of n points as a four-way min/max reduction; returns the Box.
// Expert steps, in the order they were added:
//  1. thread mapping: every point updates the four extremes independently (min and max are
//     exact and order-free, so any combination order gives the sequential result).
//  2. grid-stride loop: a fixed grid (at most 1024 blocks) walks the points, each thread
//     keeping its own four extremes in registers.
//  3. warp shuffle reduction: the four values are combined across each warp with
//     __shfl_down_sync.
//  4. shared memory reduction: the warps' boxes meet in shared memory and warp 0 reduces them
//     to one box per block, stored in a partials array; a second one-block launch reduces the
//     partials the same way, and the launcher copies the final 32 bytes back.
#define BB_BLOCK 256
#define BB_MAX_BLOCKS 1024

struct BoxAcc {
    double xmin, xmax, ymin, ymax;
};

__device__ __forceinline__ BoxAcc bb_empty() {
    const double inf = __longlong_as_double(0x7ff0000000000000ll);
    return BoxAcc{inf, -inf, inf, -inf};
}

__device__ __forceinline__ void bb_merge(BoxAcc &a, const BoxAcc &b) {
    a.xmin = fmin(a.xmin, b.xmin);
    a.xmax = fmax(a.xmax, b.xmax);
    a.ymin = fmin(a.ymin, b.ymin);
    a.ymax = fmax(a.ymax, b.ymax);
}

__device__ __forceinline__ void bb_warp(BoxAcc &a) {
#pragma unroll
    for (int o = 16; o > 0; o >>= 1) {
        BoxAcc b;
        b.xmin = __shfl_down_sync(0xffffffffu, a.xmin, o);
        b.xmax = __shfl_down_sync(0xffffffffu, a.xmax, o);
        b.ymin = __shfl_down_sync(0xffffffffu, a.ymin, o);
        b.ymax = __shfl_down_sync(0xffffffffu, a.ymax, o);
        bb_merge(a, b);
    }
}

// Block-wide reduction of a; thread 0 gets the result.
__device__ BoxAcc bb_block(BoxAcc a) {
    __shared__ BoxAcc s_warp[BB_BLOCK / 32];
    bb_warp(a);
    const int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
    if (lane == 0) s_warp[warp] = a;
    __syncthreads();
    if (warp == 0) {
        a = lane < BB_BLOCK / 32 ? s_warp[lane] : bb_empty();
        bb_warp(a);
    }
    return a;
}

__global__ void __launch_bounds__(BB_BLOCK)
bb_partial_kernel(const Point *__restrict__ pts, size_t n, BoxAcc *partials) {
    BoxAcc a = bb_empty();
    for (size_t i = (size_t)blockIdx.x * BB_BLOCK + threadIdx.x; i < n;
         i += (size_t)gridDim.x * BB_BLOCK) {
        const Point p = pts[i];
        a.xmin = fmin(a.xmin, p.x);
        a.xmax = fmax(a.xmax, p.x);
        a.ymin = fmin(a.ymin, p.y);
        a.ymax = fmax(a.ymax, p.y);
    }
    a = bb_block(a);
    if (threadIdx.x == 0) partials[blockIdx.x] = a;
}

__global__ void __launch_bounds__(BB_BLOCK)
bb_final_kernel(const BoxAcc *partials, int parts, BoxAcc *out) {
    BoxAcc a = bb_empty();
    for (int i = threadIdx.x; i < parts; i += BB_BLOCK) bb_merge(a, partials[i]);
    a = bb_block(a);
    if (threadIdx.x == 0) *out = a;
}

Box bounding_box_device(const Point *pts, size_t pts_size) {
    size_t blocks = (pts_size + BB_BLOCK - 1) / BB_BLOCK;
    if (blocks > BB_MAX_BLOCKS) blocks = BB_MAX_BLOCKS;
    if (blocks < 1) blocks = 1;
    BoxAcc *tmp = nullptr;  // partials, then the result
    cudaMalloc(&tmp, (blocks + 1) * sizeof(BoxAcc));
    bb_partial_kernel<<<(unsigned)blocks, BB_BLOCK>>>(pts, pts_size, tmp);
    bb_final_kernel<<<1, BB_BLOCK>>>(tmp, (int)blocks, tmp + blocks);
    BoxAcc r;
    cudaMemcpy(&r, tmp + blocks, sizeof(r), cudaMemcpyDeviceToHost);
    cudaFree(tmp);
    return Box{r.xmin, r.xmax, r.ymin, r.ymax};
}
