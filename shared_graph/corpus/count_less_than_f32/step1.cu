// One thread per query: count the elements of a smaller than the query. All threads of a
// warp read the same a[j] in the same iteration (one broadcast load per warp).
__global__ void count_less_kernel(int n, const float *a, int q, const float *queries,
                                  int *pos) {
    int t = blockIdx.x * blockDim.x + threadIdx.x;
    if (t >= q) return;
    float v = queries[t];
    int c = 0;
    for (int j = 0; j < n; j++) c += a[j] < v;
    pos[t] = c;
}

void count_less_than_f32_device(int n, const float *a, int q, const float *queries, int *pos) {
    if (q <= 0) return;
    int block = 256;
    count_less_kernel<<<(q + block - 1) / block, block>>>(n, a, q, queries, pos);
}
