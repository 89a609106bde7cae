// Shared-memory tiling: a block computes BLOCK outputs; the filter is processed in chunks of KC
// taps, and for each chunk the block stages the BLOCK + KC input samples it needs and the KC
// taps in shared memory. Works for any k (the filter need not fit on chip at once).
#define BLOCK 256
#define KC 256  // taps per chunk (== BLOCK: one tap loaded per thread)

__global__ void conv1d_tiled_kernel(int n, int nout, int k, const float *__restrict__ x,
                                    const float *__restrict__ h, float *__restrict__ y) {
    __shared__ float xs[BLOCK + KC];
    __shared__ float hs[KC];
    const int base = blockIdx.x * BLOCK;
    const int tx = threadIdx.x;
    float s = 0.0f;
    for (int c0 = 0; c0 < k; c0 += KC) {  // block-uniform
        const int len = min(KC, k - c0);
        __syncthreads();  // the previous chunk is no longer being read
        // xs[t] = x[base + c0 + t]; samples past the end are never used by a valid output
        for (int t = tx; t < BLOCK + KC; t += BLOCK) {
            int g = base + c0 + t;
            xs[t] = g < n ? x[g] : 0.0f;
        }
        if (tx < len) hs[tx] = h[c0 + tx];
        __syncthreads();
        for (int j = 0; j < len; j++) s += xs[tx + j] * hs[j];
    }
    int i = base + tx;
    if (i < nout) y[i] = s;
}

void conv1d_valid_f32_device(int n, const float *x, int k, const float *h, float *y) {
    int nout = n - k + 1;  // no output when k > n
    if (nout <= 0) return;
    conv1d_tiled_kernel<<<(nout + BLOCK - 1) / BLOCK, BLOCK>>>(n, nout, k, x, h, y);
}
