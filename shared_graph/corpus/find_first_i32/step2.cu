#include <climits>

// Grid-stride loop with early exit. A fixed grid (a few blocks per SM) sweeps the array in
// waves from the front; a thread stops as soon as its index passes the best match found so
// far (best only decreases, and the thread's later indices are all larger), so the work
// after a match near the front is skipped, as the sequential break does.
__global__ void find_first_stride_kernel(int n, const int *a, int key, int *best) {
    long long stride = (long long)gridDim.x * blockDim.x;
    for (long long i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += stride) {
        if (i > *(volatile int *)best) break;
        if (a[i] == key) {
            atomicMin(best, (int)i);
            break;  // this thread's later indices are larger
        }
    }
}

int find_first_i32_device(int n, const int *a, int key) {
    if (n <= 0) return -1;
    int *d_best = nullptr;
    if (cudaMalloc(&d_best, sizeof(int)) != cudaSuccess) return -1;
    int init = INT_MAX;
    cudaMemcpy(d_best, &init, sizeof(int), cudaMemcpyHostToDevice);
    int dev = 0, sms = 0;
    cudaGetDevice(&dev);
    cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, dev);
    int block = 256;
    int grid = sms > 0 ? 4 * sms : 128;
    int needed = (n + block - 1) / block;
    if (grid > needed) grid = needed;
    find_first_stride_kernel<<<grid, block>>>(n, a, key, d_best);
    int best = INT_MAX;
    cudaMemcpy(&best, d_best, sizeof(int), cudaMemcpyDeviceToHost);
    cudaFree(d_best);
    return best == INT_MAX ? -1 : best;
}
