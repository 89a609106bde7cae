// - thread mapping: one thread per group of 4 keys.
// - vectorized memory access: a full group is one 16-byte uint4 load and store (the array is
//   cudaMalloc'd, so group g starts 16-byte aligned), sorted in registers by the optimal
//   5-comparator network for 4 keys; the short last group (n % 4 keys) gets an insertion sort.
__device__ __forceinline__ void cmp_swap(unsigned int &lo, unsigned int &hi) {
    unsigned int a = min(lo, hi), b = max(lo, hi);
    lo = a;
    hi = b;
}

__global__ void sort4_kernel(int groups, uint4 *__restrict__ a) {
    int g = blockIdx.x * blockDim.x + threadIdx.x;
    if (g >= groups) return;
    uint4 v = a[g];
    cmp_swap(v.x, v.y);
    cmp_swap(v.z, v.w);
    cmp_swap(v.x, v.z);
    cmp_swap(v.y, v.w);
    cmp_swap(v.y, v.z);
    a[g] = v;
}

__global__ void sort_tail_kernel(int start, int n, unsigned int *a) {
    if (blockIdx.x != 0 || threadIdx.x != 0) return;
    for (int i = start + 1; i < n; i++) {
        unsigned int v = a[i];
        int j = i - 1;
        while (j >= start && a[j] > v) {
            a[j + 1] = a[j];
            j--;
        }
        a[j + 1] = v;
    }
}

void sort_groups4_u32_device(int n, unsigned int *a) {
    if (n <= 0) return;
    int groups = n / 4;
    if (groups > 0) sort4_kernel<<<(groups + 255) / 256, 256>>>(groups, (uint4 *)a);
    if (n % 4 > 1) sort_tail_kernel<<<1, 32>>>(4 * groups, n, a);
}
