// Node degrees from an edge list; degree is a grown output (assign): n_nodes counters.
// Expert steps, in the order they were added:
//  1. thread mapping: one thread per edge (in a grid-sized loop); the launcher zeroes the
//     n_nodes counters (cudaMemsetAsync) and reports n_nodes as the output's count.
//  2. atomic accumulation: both ends of a valid edge are counted with atomicAdd on the global
//     counters; a self-loop adds 2 with a single atomic.
__global__ void degree_kernel(const Edge *__restrict__ edges, size_t m, int n_nodes,
                              int *__restrict__ degree) {
    for (size_t i = (size_t)blockIdx.x * blockDim.x + threadIdx.x; i < m;
         i += (size_t)gridDim.x * blockDim.x) {
        const Edge e = edges[i];
        if (e.u < 0 || e.u >= n_nodes || e.v < 0 || e.v >= n_nodes) continue;
        if (e.u == e.v) {
            atomicAdd(&degree[e.u], 2);
        } else {
            atomicAdd(&degree[e.u], 1);
            atomicAdd(&degree[e.v], 1);
        }
    }
}

void edge_degree_counts_device(int n_nodes, const Edge *edges, size_t edges_size, int *degree,
                               size_t degree_capacity, unsigned long long *degree_count) {
    const size_t n = n_nodes > 0 ? (size_t)n_nodes : 0;
    unsigned long long count = n;
    cudaMemcpy(degree_count, &count, sizeof(count), cudaMemcpyHostToDevice);
    if (n == 0 || n > degree_capacity) return;
    cudaMemsetAsync(degree, 0, n * sizeof(int));
    if (edges_size == 0) return;
    size_t blocks = (edges_size + 255) / 256;
    if (blocks > 4096) blocks = 4096;
    degree_kernel<<<(unsigned)blocks, 256>>>(edges, edges_size, n_nodes, degree);
}
