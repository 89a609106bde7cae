// The first LEVELS levels of the binary search are the same implicit tree for every query:
// node 1 is the first midpoint, node 2*id / 2*id+1 the midpoint after going left / right.
// Each block caches these 1023 probe values in shared memory (each entry found by replaying
// its path from the root), and the searches read them from there, tracking their node id;
// deeper probes go to global memory. Both searches start from [0, n), so they share the tree,
// and the comparisons are exactly the sequential ones.
#define LEVELS 10
#define CACHE (1 << LEVELS)  // node ids 1 .. CACHE-1

template <bool UPPER>
__device__ int search_cached(const int *__restrict__ a, int n, int key, const int *tree) {
    int lo = 0, hi = n, node = 1;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        int v = node < CACHE ? tree[node] : __ldg(&a[mid]);
        bool right = UPPER ? (v <= key) : (v < key);
        if (right) lo = mid + 1;
        else hi = mid;
        if (node < CACHE) node = 2 * node + (right ? 1 : 0);
    }
    return lo;
}

__global__ void count_occ_cached_kernel(int n, const int *__restrict__ a, int q,
                                        const int *__restrict__ queries,
                                        int *__restrict__ counts) {
    __shared__ int tree[CACHE];
    for (int id = 1 + threadIdx.x; id < CACHE; id += blockDim.x) {
        int depth = 31 - __clz(id);  // the bits below the leading 1 are the path, MSB first
        int lo = 0, hi = n;
        for (int d = depth - 1; d >= 0 && lo < hi; d--) {
            int mid = lo + (hi - lo) / 2;
            if ((id >> d) & 1) lo = mid + 1;
            else hi = mid;
        }
        tree[id] = lo < hi ? __ldg(&a[lo + (hi - lo) / 2]) : 0;  // 0: node never reached
    }
    tree[0] = 0;  // unused
    __syncthreads();
    int t = blockIdx.x * blockDim.x + threadIdx.x;
    if (t >= q) return;
    int key = __ldg(&queries[t]);
    counts[t] = search_cached<true>(a, n, key, tree) - search_cached<false>(a, n, key, tree);
}

void count_occurrences_sorted_i32_device(int n, const int *a, int q, const int *queries,
                                         int *counts) {
    if (q <= 0) return;
    int block = 256;
    count_occ_cached_kernel<<<(q + block - 1) / block, block>>>(n, a, q, queries, counts);
}
