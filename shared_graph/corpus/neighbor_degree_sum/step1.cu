// One thread per vertex: walk its neighbour list and add each neighbour's out-degree
// row_ptr[u + 1] - row_ptr[u] (ids outside 0..nv-1 skipped, as in the C code).
__global__ void neighbor_degree_sum_kernel(int nv, const int *row_ptr, const int *col,
                                           int *out) {
    int v = blockIdx.x * blockDim.x + threadIdx.x;
    if (v < nv) {
        int s = 0;
        for (int j = row_ptr[v]; j < row_ptr[v + 1]; j++) {
            int u = col[j];
            if (u >= 0 && u < nv) s += row_ptr[u + 1] - row_ptr[u];
        }
        out[v] = s;
    }
}

void neighbor_degree_sum_device(int nv, const int *row_ptr, const int *col, int *out) {
    if (nv <= 0) return;
    const int block = 256;
    neighbor_degree_sum_kernel<<<(unsigned)(((long long)nv + block - 1) / block), block>>>(
        nv, row_ptr, col, out);
}
