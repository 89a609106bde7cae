#include <climits>

// Warp vote: the warp sweeps 32 consecutive elements per step, __ballot_sync collects which
// lanes matched, and the lowest set bit is the warp's first match, so at most one atomicMin
// per warp is issued (instead of one per matching thread). The loop is warp-uniform: lane 0
// reads the current best and broadcasts it, so the whole warp leaves the loop together.
__global__ void find_first_ballot_kernel(int n, const int *a, int key, int *best) {
    int lane = threadIdx.x & 31;
    int warps = (gridDim.x * blockDim.x) >> 5;
    int warp = (blockIdx.x * blockDim.x + threadIdx.x) >> 5;
    for (long long base = (long long)warp * 32; base < n; base += (long long)warps * 32) {
        int cur = 0;
        if (lane == 0) cur = *(volatile int *)best;
        cur = __shfl_sync(0xffffffffu, cur, 0);
        if (base > cur) break;  // every later index of this warp is larger
        long long i = base + lane;
        bool hit = i < n && a[i] == key;
        unsigned mask = __ballot_sync(0xffffffffu, hit);
        if (mask) {
            if (lane == 0) atomicMin(best, (int)base + __ffs(mask) - 1);
            break;
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
    find_first_ballot_kernel<<<grid, block>>>(n, a, key, d_best);
    int best = INT_MAX;
    cudaMemcpy(&best, d_best, sizeof(int), cudaMemcpyDeviceToHost);
    cudaFree(d_best);
    return best == INT_MAX ? -1 : best;
}
