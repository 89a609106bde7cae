#include <math.h>

// Each thread takes the running max of ITEMS = 8 consecutive elements in registers; the
// shared-memory block scan then only combines the 512 per-thread maxima. A 4096-element tile
// is loaded and stored coalesced through shared memory (thread t touches t, t + 512, ...).
#define BLOCK 512
#define ITEMS 8
#define TILE (BLOCK * ITEMS)

// Inclusive Hillis-Steele max-scan of one value per thread in shared memory s[BLOCK]. Called
// by all threads; ends with a barrier, so s holds the scanned values on return.
__device__ float block_scan(float v, float *s) {
    int t = threadIdx.x;
    s[t] = v;
    __syncthreads();
    for (int d = 1; d < BLOCK; d <<= 1) {
        float other = (t >= d) ? s[t - d] : -INFINITY;
        __syncthreads();
        s[t] = fmaxf(s[t], other);
        __syncthreads();
    }
    return s[t];
}

__global__ void scan_tiles(int n, const float *x, float *y, float *tile_max) {
    __shared__ float tile[TILE];
    __shared__ float s[BLOCK];
    int t = threadIdx.x;
    int base = blockIdx.x * TILE;
#pragma unroll
    for (int k = 0; k < ITEMS; k++) {
        int j = k * BLOCK + t, i = base + j;
        tile[j] = (i < n) ? x[i] : -INFINITY;
    }
    __syncthreads();
    float r[ITEMS];
    float m = -INFINITY;
#pragma unroll
    for (int k = 0; k < ITEMS; k++) {
        m = fmaxf(m, tile[t * ITEMS + k]);
        r[k] = m;
    }
    float incl = block_scan(m, s);  // its barriers order all reads of tile above
    float before = (t > 0) ? s[t - 1] : -INFINITY;
#pragma unroll
    for (int k = 0; k < ITEMS; k++) tile[t * ITEMS + k] = fmaxf(r[k], before);
    __syncthreads();
#pragma unroll
    for (int k = 0; k < ITEMS; k++) {
        int j = k * BLOCK + t, i = base + j;
        if (i < n) y[i] = tile[j];
    }
    if (t == BLOCK - 1) tile_max[blockIdx.x] = incl;
}

// One block: replaces m[0..nb) by the max of the entries before each one (-inf for the first).
__global__ void scan_block_max(int nb, float *m) {
    __shared__ float s[BLOCK];
    float carry = -INFINITY;
    for (int base = 0; base < nb; base += BLOCK) {
        int t = threadIdx.x, i = base + t;
        block_scan((i < nb) ? m[i] : -INFINITY, s);
        float before = (t > 0) ? s[t - 1] : -INFINITY;
        if (i < nb) m[i] = fmaxf(carry, before);
        carry = fmaxf(carry, s[BLOCK - 1]);
        __syncthreads();  // all have read s before the next chunk overwrites it
    }
}

__global__ void apply_offsets(int n, float *y, const float *offsets) {
    int b = blockIdx.x + 1;  // nothing comes before tile 0
    float off = offsets[b];
#pragma unroll
    for (int k = 0; k < ITEMS; k++) {
        int i = b * TILE + k * BLOCK + threadIdx.x;
        if (i < n) y[i] = fmaxf(y[i], off);
    }
}

void prefix_max_f32_device(int n, const float *x, float *y) {
    if (n <= 0) return;
    int nb = (n + TILE - 1) / TILE;
    float *tmax = nullptr;
    cudaMalloc(&tmax, (size_t)nb * sizeof(float));
    scan_tiles<<<nb, BLOCK>>>(n, x, y, tmax);
    if (nb > 1) {
        scan_block_max<<<1, BLOCK>>>(nb, tmax);
        apply_offsets<<<nb - 1, BLOCK>>>(n, y, tmax);
    }
    cudaFree(tmax);
}
