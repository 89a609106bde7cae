// One Jacobi-style Bellman-Ford round: next = dist, then next[v] = min(next[v], dist[u] + w).
// next is a grown output (assign): the launcher copies dist into it and reports its length.
// Expert steps, in the order they were added:
//  1. thread mapping: one thread per edge computes its candidate dist[u] + w (the same float
//     addition as the C code, so the minimum is bit-exact whatever the order).
//  2. grid-stride loop: a fixed grid of 4 blocks per SM streams over the edges.
//  3. atomic accumulation: candidates for the same node meet through an atomic minimum on
//     the float's bits (atomicMin on int for non-negative values, atomicMax on unsigned for
//     negative ones: both orders agree with float order).
//  4. atomic filtering: the current next[v] is read first and the atomic issued only when the
//     candidate is smaller; next only ever decreases, so a skipped candidate could not have
//     changed it.
__device__ __forceinline__ void atomic_min_float(float *addr, float value) {
    if (value >= 0.0f)
        atomicMin(reinterpret_cast<int *>(addr), __float_as_int(value));
    else
        atomicMax(reinterpret_cast<unsigned *>(addr), __float_as_uint(value));
}

__global__ void relax_kernel(const Edge *__restrict__ edges, size_t m,
                             const float *__restrict__ dist, size_t n, float *next) {
    for (size_t i = (size_t)blockIdx.x * blockDim.x + threadIdx.x; i < m;
         i += (size_t)gridDim.x * blockDim.x) {
        const Edge e = edges[i];
        if (e.u < 0 || e.v < 0 || (size_t)e.u >= n || (size_t)e.v >= n) continue;
        const float cand = dist[e.u] + e.w;
        if (cand < *((volatile float *)&next[e.v])) atomic_min_float(&next[e.v], cand);
    }
}

void bellman_ford_round_device(const Edge *edges, size_t edges_size, const float *dist,
                               size_t dist_size, float *next, size_t next_capacity,
                               unsigned long long *next_count) {
    const size_t n = dist_size < next_capacity ? dist_size : next_capacity;
    unsigned long long count = dist_size;
    cudaMemcpy(next_count, &count, sizeof(count), cudaMemcpyHostToDevice);
    if (n == 0) return;
    cudaMemcpyAsync(next, dist, n * sizeof(float), cudaMemcpyDeviceToDevice);
    if (edges_size == 0) return;
    int sms = 0;
    cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, 0);
    if (sms < 1) sms = 1;
    size_t blocks = (edges_size + 255) / 256;
    if (blocks > (size_t)4 * sms) blocks = (size_t)4 * sms;
    relax_kernel<<<(unsigned)blocks, 256>>>(edges, edges_size, dist, n, next);
}
