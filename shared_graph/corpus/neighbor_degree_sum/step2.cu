// A group of 4 lanes per vertex reads the neighbour list in contiguous runs (coalesced col
// loads) and more degree lookups are in flight at once; the 4 integer partial sums are added
// with width-4 warp shuffles (integer addition: the result is exact in any order).
#define LANES_PER_VERTEX 4

__global__ void neighbor_degree_sum_group_kernel(int nv, const int *row_ptr, const int *col,
                                                 int *out) {
    long long t = (long long)blockIdx.x * blockDim.x + threadIdx.x;
    long long v = t / LANES_PER_VERTEX;
    int lane = (int)(t % LANES_PER_VERTEX);
    int s = 0;
    if (v < nv) {
        int end = row_ptr[v + 1];
        for (int j = row_ptr[v] + lane; j < end; j += LANES_PER_VERTEX) {
            int u = col[j];
            if (u >= 0 && u < nv) s += row_ptr[u + 1] - row_ptr[u];
        }
    }
    // all 32 lanes of every warp arrive here (no early return): the full mask is valid
#pragma unroll
    for (int off = LANES_PER_VERTEX / 2; off > 0; off >>= 1)
        s += __shfl_down_sync(0xffffffffu, s, off, LANES_PER_VERTEX);
    if (v < nv && lane == 0) out[v] = s;
}

void neighbor_degree_sum_device(int nv, const int *row_ptr, const int *col, int *out) {
    if (nv <= 0) return;
    const int block = 256;  // whole warps
    long long threads = (long long)nv * LANES_PER_VERTEX;
    neighbor_degree_sum_group_kernel<<<(unsigned)((threads + block - 1) / block), block>>>(
        nv, row_ptr, col, out);
}
