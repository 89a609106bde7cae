// Each block covers ITEMS x 256 elements: the warp runs ITEMS ballot rounds (block-strided,
// so loads stay coalesced) and accumulates the popcounts, then the block sums its warps in
// shared memory and adds the total with one atomic.
#define BLOCK 256
#define WARPS (BLOCK / 32)
#define ITEMS 8

__global__ void count_above_kernel(int n, const float *x, float threshold, int *count) {
    __shared__ int warp_counts[WARPS];
    int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
    int base = blockIdx.x * BLOCK * ITEMS + threadIdx.x;
    int warp_total = 0;  // the same value in every lane of the warp
#pragma unroll
    for (int j = 0; j < ITEMS; j++) {
        int i = base + j * BLOCK;
        bool hit = (i < n) && (x[i] > threshold);
        warp_total += __popc(__ballot_sync(0xffffffffu, hit));
    }
    if (lane == 0) warp_counts[warp] = warp_total;
    __syncthreads();
    if (threadIdx.x == 0) {
        int total = 0;
        for (int w = 0; w < WARPS; w++) total += warp_counts[w];
        if (total != 0) atomicAdd(count, total);
    }
}

int count_above_f32_device(int n, const float *x, float threshold) {
    if (n <= 0) return 0;
    int *d_count = nullptr;
    cudaMalloc(&d_count, sizeof(int));
    cudaMemset(d_count, 0, sizeof(int));
    int per_block = BLOCK * ITEMS;
    count_above_kernel<<<(n + per_block - 1) / per_block, BLOCK>>>(n, x, threshold, d_count);
    int result = 0;
    cudaMemcpy(&result, d_count, sizeof(int), cudaMemcpyDeviceToHost);
    cudaFree(d_count);
    return result;
}
