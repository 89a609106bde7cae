// Fixed interface: (x.size() + 255) / 256 blocks of 256 threads, one point per thread.
// - thread mapping: thread i classifies point i (threads past the end vote for no quadrant).
// - atomic accumulation, after a warp-level pre-reduction: each warp counts its votes per
//   quadrant with __ballot_sync + __popc and lane 0 adds the (nonzero) counts to bins with
//   atomicAdd, so there are at most 4 atomics per warp instead of one per point. The bins are
//   added to, never overwritten, as the sequential code does.
__global__ void quadrant_counts_kernel(const double *__restrict__ x,
                                       const double *__restrict__ y, size_t x_size, int *bins) {
    size_t i = (size_t)blockIdx.x * blockDim.x + threadIdx.x;
    int q = -1;
    if (i < x_size) {
        double px = x[i], py = y[i];
        if (px >= 0.0 && py >= 0.0) q = 0;
        else if (px < 0.0 && py >= 0.0) q = 1;
        else if (px < 0.0 && py < 0.0) q = 2;
        else q = 3;
    }
    // Every lane of the (full) warp takes part in the ballots; blockDim is a multiple of 32.
    unsigned c0 = __popc(__ballot_sync(0xffffffffu, q == 0));
    unsigned c1 = __popc(__ballot_sync(0xffffffffu, q == 1));
    unsigned c2 = __popc(__ballot_sync(0xffffffffu, q == 2));
    unsigned c3 = __popc(__ballot_sync(0xffffffffu, q == 3));
    if ((threadIdx.x & 31) == 0) {
        if (c0) atomicAdd(&bins[0], (int)c0);
        if (c1) atomicAdd(&bins[1], (int)c1);
        if (c2) atomicAdd(&bins[2], (int)c2);
        if (c3) atomicAdd(&bins[3], (int)c3);
    }
}
