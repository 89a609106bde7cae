// 2D mapping with the column on threadIdx.x: a warp copies 32 consecutive floats of one row
// (coalesced reads from the table and writes to out); y covers the tokens.
__global__ void embedding_kernel(int n, int d, const float *__restrict__ table,
                                 const int *__restrict__ ids, float *__restrict__ out) {
    int j = blockIdx.x * blockDim.x + threadIdx.x;
    int i = blockIdx.y * blockDim.y + threadIdx.y;
    if (i >= n || j >= d) return;
    out[(size_t)i * d + j] = table[(size_t)ids[i] * d + j];
}

void embedding_lookup_f32_device(int n, int vocab, int d, const float *table, const int *ids,
                                 float *out) {
    if (n <= 0 || d <= 0) return;
    dim3 block(32, 8);
    dim3 grid((d + 31) / 32, (n + 7) / 8);
    embedding_kernel<<<grid, block>>>(n, d, table, ids, out);
}
