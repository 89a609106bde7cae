#include <climits>

// One thread per element; every thread that finds the key offers its index to atomicMin on
// a device-side result initialised to INT_MAX, so the smallest matching index wins whatever
// order the threads run in (the sequential loop's early break gives the first match).
__global__ void find_first_kernel(int n, const int *a, int key, int *best) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n && a[i] == key) atomicMin(best, i);
}

int find_first_i32_device(int n, const int *a, int key) {
    if (n <= 0) return -1;
    int *d_best = nullptr;
    if (cudaMalloc(&d_best, sizeof(int)) != cudaSuccess) return -1;
    int init = INT_MAX;
    cudaMemcpy(d_best, &init, sizeof(int), cudaMemcpyHostToDevice);
    int block = 256;
    find_first_kernel<<<(n + block - 1) / block, block>>>(n, a, key, d_best);
    int best = INT_MAX;
    cudaMemcpy(&best, d_best, sizeof(int), cudaMemcpyDeviceToHost);
    cudaFree(d_best);
    return best == INT_MAX ? -1 : best;
}
