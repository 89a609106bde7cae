// One thread per query, running the same two binary searches as the sequential code (same
// midpoints, same comparisons), so the result is identical even for an unsorted array.
__device__ int lower_bound_i32(const int *a, int n, int key) {
    int lo = 0, hi = n;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (a[mid] < key) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

__device__ int upper_bound_i32(const int *a, int n, int key) {
    int lo = 0, hi = n;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (a[mid] <= key) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

__global__ void count_occ_kernel(int n, const int *a, int q, const int *queries, int *counts) {
    int t = blockIdx.x * blockDim.x + threadIdx.x;
    if (t >= q) return;
    int key = queries[t];
    counts[t] = upper_bound_i32(a, n, key) - lower_bound_i32(a, n, key);
}

void count_occurrences_sorted_i32_device(int n, const int *a, int q, const int *queries,
                                         int *counts) {
    if (q <= 0) return;
    int block = 256;
    count_occ_kernel<<<(q + block - 1) / block, block>>>(n, a, q, queries, counts);
}
