// Grouped kernel with the graph read through the read-only data cache: row_ptr and col are
// never written, so const __restrict__ and __ldg serve the random row_ptr[u], row_ptr[u + 1]
// lookups (usually one 32-byte sector for both) from the texture/L1 path.
#define LANES_PER_VERTEX 4

__global__ void neighbor_degree_sum_group_kernel(int nv, const int *__restrict__ row_ptr,
                                                 const int *__restrict__ col,
                                                 int *__restrict__ out) {
    long long t = (long long)blockIdx.x * blockDim.x + threadIdx.x;
    long long v = t / LANES_PER_VERTEX;
    int lane = (int)(t % LANES_PER_VERTEX);
    int s = 0;
    if (v < nv) {
        int end = __ldg(&row_ptr[v + 1]);
        for (int j = __ldg(&row_ptr[v]) + lane; j < end; j += LANES_PER_VERTEX) {
            int u = __ldg(&col[j]);
            if (u >= 0 && u < nv) s += __ldg(&row_ptr[u + 1]) - __ldg(&row_ptr[u]);
        }
    }
#pragma unroll
    for (int off = LANES_PER_VERTEX / 2; off > 0; off >>= 1)
        s += __shfl_down_sync(0xffffffffu, s, off, LANES_PER_VERTEX);
    if (v < nv && lane == 0) out[v] = s;
}

void neighbor_degree_sum_device(int nv, const int *row_ptr, const int *col, int *out) {
    if (nv <= 0) return;
    const int block = 256;
    long long threads = (long long)nv * LANES_PER_VERTEX;
    neighbor_degree_sum_group_kernel<<<(unsigned)((threads + block - 1) / block), block>>>(
        nv, row_ptr, col, out);
}
