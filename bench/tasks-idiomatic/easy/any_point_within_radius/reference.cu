// Whether any point lies within radius of q; returns bool.
// Expert steps, in the order they were added:
//  1. thread mapping: one thread per point in a grid-sized loop; a hit sets a global flag,
//     and every warp checks the flag before each round, so the search stops soon after the
//     first hit (the sequential loop's early return).
//  2. warp vote: __any_sync combines the warp's 32 tests in one instruction; only lane 0 of a
//     warp that found something stores the flag, instead of every hitting lane.
__global__ void any_within_kernel(const Point *__restrict__ pts, size_t n, Point q, double r2,
                                  int *found) {
    const size_t stride = (size_t)gridDim.x * blockDim.x;
    // The loop bound is rounded up to whole warps and the stride is a multiple of 32, so the
    // 32 lanes of a warp always run the same rounds and every vote has all of them.
    const size_t rounded = (n + 31) / 32 * 32;
    volatile int *flag = found;
    for (size_t i = (size_t)blockIdx.x * blockDim.x + threadIdx.x; i < rounded; i += stride) {
        if (__any_sync(0xffffffffu, *flag != 0)) return;  // someone found one: stop
        bool hit = false;
        if (i < n) {
            const double dx = pts[i].x - q.x, dy = pts[i].y - q.y;
            hit = dx * dx + dy * dy <= r2;
        }
        if (__any_sync(0xffffffffu, hit)) {
            if ((threadIdx.x & 31) == 0) *flag = 1;
            return;
        }
    }
}

bool any_point_within_radius_device(const Point *points, size_t points_size, Point q,
                                    double radius) {
    if (points_size == 0) return false;
    const double r2 = radius * radius;
    int *found = nullptr;
    cudaMalloc(&found, sizeof(int));
    cudaMemsetAsync(found, 0, sizeof(int));
    size_t blocks = (points_size + 255) / 256;
    if (blocks > 1024) blocks = 1024;
    any_within_kernel<<<(unsigned)blocks, 256>>>(points, points_size, q, r2, found);
    int result = 0;
    cudaMemcpy(&result, found, sizeof(int), cudaMemcpyDeviceToHost);
    cudaFree(found);
    return result != 0;
}
