// Level-synchronous BFS with a frontier queue per level (two device arrays, swapped). The
// levels are the same whatever order vertices are visited in within a level, so the result
// equals the queue-based sequential one. The host reads the next frontier's length after each
// level (one 4-byte copy) to size the next launch and to stop.
// Expert steps, in the order they were added:
//  1. thread mapping: one thread per frontier vertex scans its out-edges; an unvisited
//     neighbour is claimed with atomicCAS(level, -1, depth + 1), and the thread whose CAS
//     wins appends it to the next frontier (atomicAdd on the frontier's length).
//  2. atomic filtering: level[v] is read first and the CAS issued only while it is -1, which
//     skips the atomic for the many neighbours that are already visited (levels only go
//     from -1 to a value, once).
//  3. warp ballot scan: the appends of a warp are aggregated: __ballot_sync of the lanes that
//     won a vertex, one atomicAdd by the first of them for the warp's total, and each lane
//     writes at base + popc(lanes below it), instead of one atomic per appended vertex.
//  4. memory coalescing: a group of 8 lanes shares a frontier vertex and strides its edge
//     list, so the group reads col contiguously instead of one lane walking it alone.
//  5. read-only cache: row_ptr, col and the current frontier are const __restrict__ and read
//     with __ldg (only level and the next frontier are written during a level).
//  6. launch configuration tuning: each level's grid is sized to its frontier (8 lanes per
//     vertex, 256-thread blocks) from the length read back, not to the whole graph.
#include <cuda_runtime.h>
#include <cstddef>

#define BFS_BLOCK 256
#define BFS_GROUP 8

__global__ void bfs_init_kernel(size_t n, int *level, int *frontier) {
    const size_t v = (size_t)blockIdx.x * blockDim.x + threadIdx.x;
    if (v < n) level[v] = v == 0 ? 0 : -1;
    if (v == 0) frontier[0] = 0;
}

__global__ void bfs_expand_kernel(int frontier_len, const int *__restrict__ frontier,
                                  const int *__restrict__ row_ptr, const int *__restrict__ col,
                                  int depth, int *level, int *next, int *next_len) {
    const size_t t = (size_t)blockIdx.x * blockDim.x + threadIdx.x;
    const size_t f = t / BFS_GROUP;
    const int g = (int)(t % BFS_GROUP);
    const int lane = threadIdx.x & 31;
    int begin = 0, end = 0;
    if (f < (size_t)frontier_len) {
        const int u = __ldg(&frontier[f]);
        begin = __ldg(&row_ptr[u]) + g;
        end = __ldg(&row_ptr[u + 1]);
    }
    // All lanes loop until the longest edge list of the warp is done (for the ballots).
    for (int j = begin;; j += BFS_GROUP) {
        const bool active = j < end;
        if (!__any_sync(0xffffffffu, active)) break;
        int v = -1;
        bool won = false;
        if (active) {
            v = __ldg(&col[j]);
            if (level[v] < 0) won = atomicCAS(&level[v], -1, depth + 1) == -1;
        }
        const unsigned winners = __ballot_sync(0xffffffffu, won);
        if (winners) {
            const int leader = __ffs(winners) - 1;
            int base = 0;
            if (lane == leader) base = atomicAdd(next_len, __popc(winners));
            base = __shfl_sync(0xffffffffu, base, leader);
            if (won) next[base + __popc(winners & ((1u << lane) - 1u))] = v;
        }
    }
}

void bfs_levels_csr_device(const int *row_ptr, size_t row_ptr_size, const int *col,
                           size_t col_size, int *level, size_t level_size) {
    const size_t n = level_size;
    if (n == 0) return;
    int *queues = nullptr;  // two frontiers of n vertices, then the next frontier's length
    cudaMalloc(&queues, (2 * n + 1) * sizeof(int));
    int *cur = queues, *nxt = queues + n, *next_len = queues + 2 * n;
    bfs_init_kernel<<<(unsigned)((n + 255) / 256), 256>>>(n, level, cur);
    int len = 1;
    for (int depth = 0; len > 0; ++depth) {
        cudaMemsetAsync(next_len, 0, sizeof(int));
        const size_t threads = (size_t)len * BFS_GROUP;
        bfs_expand_kernel<<<(unsigned)((threads + BFS_BLOCK - 1) / BFS_BLOCK), BFS_BLOCK>>>(
            len, cur, row_ptr, col, depth, level, nxt, next_len);
        cudaMemcpy(&len, next_len, sizeof(int), cudaMemcpyDeviceToHost);
        int *t = cur;
        cur = nxt;
        nxt = t;
    }
    cudaFree(queues);
}
