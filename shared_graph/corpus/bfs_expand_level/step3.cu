// Grouped expansion with the graph marked read-only: row_ptr, col and frontier are never
// written during the kernel, so const __restrict__ + __ldg send them through the read-only
// data cache; dist and next, which the kernel writes, keep ordinary loads and atomics.
#define LANES_PER_VERTEX 4

__global__ void clear_next_kernel(int nv, unsigned char *next) {
    int v = blockIdx.x * blockDim.x + threadIdx.x;
    if (v < nv) next[v] = 0;
}

__global__ void expand_group_kernel(int nv, const int *__restrict__ row_ptr,
                                    const int *__restrict__ col,
                                    const unsigned char *__restrict__ frontier, int level,
                                    int *dist, unsigned char *next) {
    long long t = (long long)blockIdx.x * blockDim.x + threadIdx.x;
    long long v = t / LANES_PER_VERTEX;
    int lane = (int)(t % LANES_PER_VERTEX);
    if (v >= nv || !__ldg(&frontier[v])) return;
    int end = __ldg(&row_ptr[v + 1]);
    for (int j = __ldg(&row_ptr[v]) + lane; j < end; j += LANES_PER_VERTEX) {
        int u = __ldg(&col[j]);
        int old = dist[u];  // dist is written in this kernel: no read-only path for it
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
