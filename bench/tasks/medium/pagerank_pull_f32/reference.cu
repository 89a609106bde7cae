// One warp per vertex: the lanes stride over its in-edges (coalesced reads of src), gather
// rank and outdeg through the read-only cache, and the 32 partial sums are combined with
// warp shuffles. A thread per vertex would leave most lanes idle on skewed degrees.
__global__ void pagerank_kernel(int nv, const int *__restrict__ row_ptr,
                                const int *__restrict__ src, const float *__restrict__ rank,
                                const int *__restrict__ outdeg, float damping,
                                float *__restrict__ rank_new) {
    int lane = threadIdx.x & 31;
    int v = (blockIdx.x * blockDim.x + threadIdx.x) >> 5;
    if (v >= nv) return;  // uniform per warp
    float s = 0.0f;
    for (int e = row_ptr[v] + lane; e < row_ptr[v + 1]; e += 32) {
        int u = __ldg(src + e);
        s += __ldg(rank + u) / (float)__ldg(outdeg + u);
    }
    for (int o = 16; o > 0; o >>= 1) s += __shfl_down_sync(0xffffffffu, s, o);
    if (lane == 0) rank_new[v] = (1.0f - damping) / (float)nv + damping * s;
}

void pagerank_pull_f32_device(int nv, const int *row_ptr, const int *src, const float *rank,
                              const int *outdeg, float damping, float *rank_new) {
    if (nv <= 0) return;
    long long threads = (long long)nv * 32;
    pagerank_kernel<<<(unsigned)((threads + 255) / 256), 256>>>(nv, row_ptr, src, rank, outdeg,
                                                               damping, rank_new);
}
