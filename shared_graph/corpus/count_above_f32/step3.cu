// Warp counts (ballot + popc) are summed per block in shared memory: one atomic per block.
#define BLOCK 256
#define WARPS (BLOCK / 32)

__global__ void count_above_kernel(int n, const float *x, float threshold, int *count) {
    __shared__ int warp_counts[WARPS];
    int i = blockIdx.x * BLOCK + threadIdx.x;
    int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
    bool hit = (i < n) && (x[i] > threshold);
    unsigned int mask = __ballot_sync(0xffffffffu, hit);
    if (lane == 0) warp_counts[warp] = __popc(mask);
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
    count_above_kernel<<<(n + BLOCK - 1) / BLOCK, BLOCK>>>(n, x, threshold, d_count);
    int result = 0;
    cudaMemcpy(&result, d_count, sizeof(int), cudaMemcpyDeviceToHost);
    cudaFree(d_count);
    return result;
}
