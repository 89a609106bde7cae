#include <math.h>

// Three phases: (1) each block computes the running max of its 512 elements in shared memory
// and records its block max, (2) one block scans the block maxima into exclusive offsets
// (chunk by chunk, carrying the running max), (3) every block but the first takes the max
// with its offset. -INFINITY is the neutral element for padding.
#define BLOCK 512

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

__global__ void scan_blocks(int n, const float *x, float *y, float *block_max) {
    __shared__ float s[BLOCK];
    int i = blockIdx.x * BLOCK + threadIdx.x;
    float incl = block_scan((i < n) ? x[i] : -INFINITY, s);
    if (i < n) y[i] = incl;
    if (threadIdx.x == BLOCK - 1) block_max[blockIdx.x] = incl;
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
    int b = blockIdx.x + 1;  // nothing comes before block 0
    int i = b * BLOCK + threadIdx.x;
    if (i < n) y[i] = fmaxf(y[i], offsets[b]);
}

void prefix_max_f32_device(int n, const float *x, float *y) {
    if (n <= 0) return;
    int nb = (n + BLOCK - 1) / BLOCK;
    float *bmax = nullptr;
    cudaMalloc(&bmax, (size_t)nb * sizeof(float));
    scan_blocks<<<nb, BLOCK>>>(n, x, y, bmax);
    if (nb > 1) {
        scan_block_max<<<1, BLOCK>>>(nb, bmax);
        apply_offsets<<<nb - 1, BLOCK>>>(n, y, bmax);
    }
    cudaFree(bmax);
}
