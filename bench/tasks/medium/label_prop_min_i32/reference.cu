// One warp per vertex: lanes stride over the neighbour list (coalesced col reads), labels are
// gathered through the read-only cache, and the minimum is combined with warp shuffles.
__global__ void label_kernel(int nv, const int *__restrict__ row_ptr,
                             const int *__restrict__ col, const int *__restrict__ label,
                             int *__restrict__ label_new) {
    int lane = threadIdx.x & 31;
    int v = (blockIdx.x * blockDim.x + threadIdx.x) >> 5;
    if (v >= nv) return;  // uniform per warp
    int best = __ldg(label + v);
    for (int e = row_ptr[v] + lane; e < row_ptr[v + 1]; e += 32)
        best = min(best, __ldg(label + __ldg(col + e)));
    for (int o = 16; o > 0; o >>= 1) best = min(best, __shfl_down_sync(0xffffffffu, best, o));
    if (lane == 0) label_new[v] = best;
}

void label_prop_min_i32_device(int nv, const int *row_ptr, const int *col, const int *label,
                               int *label_new) {
    if (nv <= 0) return;
    long long threads = (long long)nv * 32;
    label_kernel<<<(unsigned)((threads + 255) / 256), 256>>>(nv, row_ptr, col, label, label_new);
}
