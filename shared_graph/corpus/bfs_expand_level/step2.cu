// Coalesced adjacency reads: a group of 4 consecutive lanes per vertex walks the vertex's
// neighbour list together (lane l takes entries l, l+4, ...), so one warp reads contiguous
// runs of col instead of 32 scattered ones. Claims are still one atomicCAS per neighbour.
#define LANES_PER_VERTEX 4

__global__ void clear_next_kernel(int nv, unsigned char *next) {
    int v = blockIdx.x * blockDim.x + threadIdx.x;
    if (v < nv) next[v] = 0;
}

__global__ void expand_group_kernel(int nv, const int *row_ptr, const int *col,
                                    const unsigned char *frontier, int level, int *dist,
                                    unsigned char *next) {
    long long t = (long long)blockIdx.x * blockDim.x + threadIdx.x;
    long long v = t / LANES_PER_VERTEX;
    int lane = (int)(t % LANES_PER_VERTEX);
    if (v >= nv || !frontier[v]) return;  // no warp-wide operations follow: early exit is fine
    int end = row_ptr[v + 1];
    for (int j = row_ptr[v] + lane; j < end; j += LANES_PER_VERTEX) {
        int u = col[j];
        int old = dist[u];
        while (old < 0) {
            int seen = atomicCAS(&dist[u], old, level + 1);
            if (seen == old) {
                next[u] = 1;
                break;
            }
            old = seen;
        }
    }
}

void bfs_expand_level_device(int nv, const int *row_ptr, const int *col,
                             const unsigned char *frontier, int level, int *dist,
                             unsigned char *next) {
    if (nv <= 0) return;
    const int block = 256;
    clear_next_kernel<<<(unsigned)(((long long)nv + block - 1) / block), block>>>(nv, next);
    long long threads = (long long)nv * LANES_PER_VERTEX;
    expand_group_kernel<<<(unsigned)((threads + block - 1) / block), block>>>(
        nv, row_ptr, col, frontier, level, dist, next);
}
