// The warp counts its hits in one instruction: __ballot_sync gathers the 32 predicates into
// a bit mask and __popc counts the set bits; lane 0 adds the count with one atomic.
__global__ void count_above_kernel(int n, const float *x, float threshold, int *count) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    bool hit = (i < n) && (x[i] > threshold);
    unsigned int mask = __ballot_sync(0xffffffffu, hit);
    if ((threadIdx.x & 31) == 0 && mask != 0) atomicAdd(count, __popc(mask));
}

int count_above_f32_device(int n, const float *x, float threshold) {
    if (n <= 0) return 0;
    int *d_count = nullptr;
    cudaMalloc(&d_count, sizeof(int));
    cudaMemset(d_count, 0, sizeof(int));
    int block = 256;
    count_above_kernel<<<(n + block - 1) / block, block>>>(n, x, threshold, d_count);
    int result = 0;
    cudaMemcpy(&result, d_count, sizeof(int), cudaMemcpyDeviceToHost);
    cudaFree(d_count);
    return result;
}
