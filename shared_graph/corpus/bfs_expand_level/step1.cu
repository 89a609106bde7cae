// One thread per vertex. Several frontier vertices can share an unvisited neighbour u; the C
// loop gives u the same values (dist = level + 1, next = 1) whichever reaches it first, so the
// result does not depend on the order. On the GPU the claim is an atomicCAS from a negative
// distance to level + 1: exactly one thread wins u and sets next[u], no two threads race on it.
__global__ void clear_next_kernel(int nv, unsigned char *next) {
    int v = blockIdx.x * blockDim.x + threadIdx.x;
    if (v < nv) next[v] = 0;
}

__global__ void expand_kernel(int nv, const int *row_ptr, const int *col,
                              const unsigned char *frontier, int level, int *dist,
                              unsigned char *next) {
    int v = blockIdx.x * blockDim.x + threadIdx.x;
    if (v >= nv || !frontier[v]) return;
    for (int j = row_ptr[v]; j < row_ptr[v + 1]; j++) {
        int u = col[j];
        int old = dist[u];
        while (old < 0) {  // still unvisited: try to claim it
            int seen = atomicCAS(&dist[u], old, level + 1);
            if (seen == old) {
                next[u] = 1;
                break;
            }
            old = seen;  // someone changed it: retry only if it is still negative
        }
    }
}

void bfs_expand_level_device(int nv, const int *row_ptr, const int *col,
                             const unsigned char *frontier, int level, int *dist,
                             unsigned char *next) {
    if (nv <= 0) return;
    const int block = 256;
    unsigned grid = (unsigned)(((long long)nv + block - 1) / block);
    clear_next_kernel<<<grid, block>>>(nv, next);
    expand_kernel<<<grid, block>>>(nv, row_ptr, col, frontier, level, dist, next);
}
