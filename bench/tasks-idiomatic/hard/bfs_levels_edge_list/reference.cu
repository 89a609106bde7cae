// BFS levels from `source` over an edge list, level-synchronous and edge-centric: pass L
// looks at every edge src -> dst with src on the frontier (level L) and dst not yet visited
// and gives dst level L + 1. Levels are unique, so the result is the queue BFS's whatever
// the order; every thread that discovers dst in the same pass writes the same L + 1.
// The frontier, the visited set and the next frontier are bitmaps of n_nodes bits; the host
// loop stops after the first pass that finds nothing (it reads back one flag per level).
// `level` is a grown output (assign): the launcher reports n_nodes as its count.
// Expert steps, in the order they were added:
//  1. thread mapping: one thread per edge in each pass (no CSR needed: building it would
//     cost more passes over the edges than the few levels of a random graph do).
//  2. grid-stride loop: a fixed grid streams over the edges in every pass.
//  3. shared memory caching: each block copies the frontier and visited bitmaps (n_nodes / 8
//     bytes each, 512 for 4096 nodes) into shared memory at the start of a pass, so the two
//     data-dependent lookups per edge cost shared-memory latency (global memory when they do
//     not fit).
//  4. vectorized memory access: two 8-byte edges are read as one int4 when the edge array is
//     16-byte aligned.
//  5. atomic accumulation: the next frontier is built with atomicOr on its bitmap words.
//  6. atomic filtering: the word is read first and the atomicOr issued only when dst's bit is
//     not set yet; bits are only ever set during a pass, so a skipped atomic had nothing to do.
//  7. warp vote: each thread remembers whether it discovered anything; one __any_sync per warp
//     at the end of the pass lets lane 0 alone raise the "changed" flag.
//  8. launch configuration tuning: 4 blocks per SM, 256 threads, so the small bitmaps are
//     staged by few blocks and the edge stream keeps every SM busy.
#include <cstdint>

#define BFS_BLOCK 256
#define BFS_SMEM_LIMIT (48 * 1024)

__global__ void bfs_init_kernel(int *level, int n, int source, unsigned *F, unsigned *V) {
    const int k = blockIdx.x * blockDim.x + threadIdx.x;
    if (k < n) level[k] = k == source ? 0 : -1;
    if (k == source) {
        F[k >> 5] = 1u << (k & 31);
        V[k >> 5] = 1u << (k & 31);
    }
}

__device__ __forceinline__ bool bfs_visit(int s, int d, int n, const unsigned *F,
                                          const unsigned *V, unsigned *N, int *level,
                                          int next_level) {
    if (s < 0 || s >= n || d < 0 || d >= n) return false;
    if (!((F[s >> 5] >> (s & 31)) & 1u)) return false;  // src not on the frontier
    if ((V[d >> 5] >> (d & 31)) & 1u) return false;      // dst already has a level <= L
    level[d] = next_level;
    const unsigned bit = 1u << (d & 31);
    if (!(*((volatile unsigned *)&N[d >> 5]) & bit)) atomicOr(&N[d >> 5], bit);
    return true;
}

__global__ void __launch_bounds__(BFS_BLOCK)
bfs_expand_kernel(const Edge *__restrict__ edges, size_t m, int vec, int n, int words,
                  int use_smem, const unsigned *__restrict__ gF, const unsigned *__restrict__ gV,
                  unsigned *N, int *level, int next_level, int *changed) {
    extern __shared__ unsigned s_bits[];
    const unsigned *F = gF, *V = gV;
    if (use_smem) {
        for (int w = threadIdx.x; w < words; w += BFS_BLOCK) {
            s_bits[w] = gF[w];
            s_bits[words + w] = gV[w];
        }
        __syncthreads();
        F = s_bits;
        V = s_bits + words;
    }
    bool found = false;
    const size_t first = (size_t)blockIdx.x * BFS_BLOCK + threadIdx.x;
    const size_t stride = (size_t)gridDim.x * BFS_BLOCK;
    if (vec) {
        const int4 *pairs = reinterpret_cast<const int4 *>(edges);
        const size_t np = m / 2;
        for (size_t p = first; p < np; p += stride) {
            const int4 e2 = pairs[p];
            found |= bfs_visit(e2.x, e2.y, n, F, V, N, level, next_level);
            found |= bfs_visit(e2.z, e2.w, n, F, V, N, level, next_level);
        }
        if ((m & 1) && first == 0)
            found |= bfs_visit(edges[m - 1].src, edges[m - 1].dst, n, F, V, N, level,
                               next_level);
    } else {
        for (size_t i = first; i < m; i += stride)
            found |= bfs_visit(edges[i].src, edges[i].dst, n, F, V, N, level, next_level);
    }
    if (__any_sync(0xffffffffu, found) && (threadIdx.x & 31) == 0) *changed = 1;
}

// After a pass: visited |= next, frontier = next, next = 0.
__global__ void bfs_advance_kernel(unsigned *F, unsigned *V, unsigned *N, int words) {
    const int w = blockIdx.x * blockDim.x + threadIdx.x;
    if (w >= words) return;
    const unsigned nx = N[w];
    V[w] |= nx;
    F[w] = nx;
    N[w] = 0;
}

void bfs_levels_device(int n_nodes, int source, const Edge *edges, size_t edges_size,
                       int *level, size_t level_capacity, unsigned long long *level_count) {
    const int n = n_nodes > 0 && (size_t)n_nodes <= level_capacity ? n_nodes : 0;
    unsigned long long count = n_nodes > 0 ? (unsigned long long)n_nodes : 0;
    cudaMemcpy(level_count, &count, sizeof(count), cudaMemcpyHostToDevice);
    if (n == 0) return;
    const int words = (n + 31) / 32;
    char *tmp = nullptr;  // F, V, N bitmaps, then the changed flag
    const size_t bitmap_bytes = (size_t)words * sizeof(unsigned);
    cudaMalloc(&tmp, 3 * bitmap_bytes + sizeof(int));
    cudaMemsetAsync(tmp, 0, 3 * bitmap_bytes + sizeof(int));
    unsigned *F = (unsigned *)tmp, *V = F + words, *N = V + words;
    int *changed = (int *)(tmp + 3 * bitmap_bytes);
    const int src = source >= 0 && source < n ? source : -1;
    bfs_init_kernel<<<(n + 255) / 256, 256>>>(level, n, src, F, V);
    if (src >= 0 && edges_size > 0) {
        const size_t smem = 2 * bitmap_bytes;
        const int use_smem = smem <= BFS_SMEM_LIMIT;
        const int vec = ((uintptr_t)edges % 16) == 0;
        int sms = 0;
        cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, 0);
        if (sms < 1) sms = 1;
        const size_t items = vec ? (edges_size + 1) / 2 : edges_size;
        size_t blocks = (items + BFS_BLOCK - 1) / BFS_BLOCK;
        if (blocks > (size_t)4 * sms) blocks = (size_t)4 * sms;
        if (blocks < 1) blocks = 1;
        for (int L = 0; L < n; ++L) {
            cudaMemsetAsync(changed, 0, sizeof(int));
            bfs_expand_kernel<<<(unsigned)blocks, BFS_BLOCK, use_smem ? smem : 0>>>(
                edges, edges_size, vec, n, words, use_smem, F, V, N, level, L + 1, changed);
            int h_changed = 0;
            cudaMemcpy(&h_changed, changed, sizeof(int), cudaMemcpyDeviceToHost);
            if (!h_changed) break;
            bfs_advance_kernel<<<(words + 255) / 256, 256>>>(F, V, N, words);
        }
    }
    cudaFree(tmp);
}
