// Fixed interface: a constant grid of 512 blocks of 256 threads, whatever the size.
// - grid-stride loop: thread t sums the products of pairs t, t + 512*256, ... in a register
//   (x[i + 1] of one thread is x[i] of its neighbour, so the second load hits the same lines).
// - warp shuffle reduction: the 32 partial sums of a warp are combined with __shfl_down_sync.
// - shared memory reduction: the 8 warp sums of the block go through shared memory and the
//   first warp adds them up.
// - atomic accumulation: one atomicAdd(double) per block adds its total to *sum (added to,
//   never overwritten, as the sequential code does); blocks that had no pair skip it.
__global__ void adjacent_products_kernel(const double *__restrict__ x, size_t x_size,
                                         double *sum) {
    __shared__ double warp_sums[32];
    size_t pairs = x_size > 0 ? x_size - 1 : 0;
    size_t first = (size_t)blockIdx.x * blockDim.x + threadIdx.x;
    size_t stride = (size_t)gridDim.x * blockDim.x;
    double acc = 0.0;
    for (size_t i = first; i < pairs; i += stride) acc += x[i] * x[i + 1];
    for (int o = 16; o > 0; o >>= 1) acc += __shfl_down_sync(0xffffffffu, acc, o);
    int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
    if (lane == 0) warp_sums[warp] = acc;
    __syncthreads();
    if (warp == 0) {
        int warps = blockDim.x >> 5;
        double v = lane < warps ? warp_sums[lane] : 0.0;
        for (int o = 16; o > 0; o >>= 1) v += __shfl_down_sync(0xffffffffu, v, o);
        if (lane == 0 && (size_t)blockIdx.x * blockDim.x < pairs) atomicAdd(sum, v);
    }
}
