// A group of 4 lanes per row: the lanes read consecutive values of the row (coalesced) and the
// partial sums are combined with warp shuffles restricted to the group (width 4).
#define LANES_PER_ROW 4

__global__ void csr_row_sums_group_kernel(int nrows, const int *row_ptr, const float *val,
                                          float *row_sum) {
    long long t = (long long)blockIdx.x * blockDim.x + threadIdx.x;
    long long row = t / LANES_PER_ROW;
    int lane = (int)(t % LANES_PER_ROW);
    float s = 0.0f;
    if (row < nrows) {
        int end = row_ptr[row + 1];
        for (int j = row_ptr[row] + lane; j < end; j += LANES_PER_ROW) s += val[j];
    }
#pragma unroll
    for (int off = LANES_PER_ROW / 2; off > 0; off >>= 1)
        s += __shfl_down_sync(0xffffffffu, s, off, LANES_PER_ROW);
    if (row < nrows && lane == 0) row_sum[row] = s;
}

void csr_row_sums_f32_device(int nrows, const int *row_ptr, const float *val, float *row_sum) {
    if (nrows <= 0) return;
    const int block = 256;  // whole warps, so every shuffle sees all 32 lanes
    long long threads = (long long)nrows * LANES_PER_ROW;
    csr_row_sums_group_kernel<<<(unsigned)((threads + block - 1) / block), block>>>(
        nrows, row_ptr, val, row_sum);
}
