// Thread coarsening: each thread computes COARSEN outputs spaced BLOCK apart, so every filter
// tap read from shared memory (hs[j], held in a register) feeds COARSEN multiply-adds, and the
// block's input window grows to BLOCK * COARSEN + KC samples (relatively less halo).
#define BLOCK 256
#define COARSEN 4
#define TILE (BLOCK * COARSEN)
#define KC 256  // taps per chunk (== BLOCK: one tap loaded per thread)

__global__ void conv1d_coarse_kernel(int n, int nout, int k, const float *__restrict__ x,
                                     const float *__restrict__ h, float *__restrict__ y) {
    __shared__ float xs[TILE + KC];
    __shared__ float hs[KC];
    const int base = blockIdx.x * TILE;
    const int tx = threadIdx.x;
    float acc[COARSEN];
#pragma unroll
    for (int c = 0; c < COARSEN; c++) acc[c] = 0.0f;
    for (int c0 = 0; c0 < k; c0 += KC) {  // block-uniform
        const int len = min(KC, k - c0);
        __syncthreads();
        for (int t = tx; t < TILE + KC; t += BLOCK) {
            int g = base + c0 + t;
            xs[t] = g < n ? x[g] : 0.0f;
        }
        if (tx < len) hs[tx] = h[c0 + tx];
        __syncthreads();
        for (int j = 0; j < len; j++) {
            float hj = hs[j];
#pragma unroll
            for (int c = 0; c < COARSEN; c++) acc[c] += xs[c * BLOCK + tx + j] * hj;
        }
    }
#pragma unroll
    for (int c = 0; c < COARSEN; c++) {
        int i = base + c * BLOCK + tx;
        if (i < nout) y[i] = acc[c];
    }
}

void conv1d_valid_f32_device(int n, const float *x, int k, const float *h, float *y) {
    int nout = n - k + 1;  // no output when k > n
    if (nout <= 0) return;
    conv1d_coarse_kernel<<<(nout + TILE - 1) / TILE, BLOCK>>>(n, nout, k, x, h, y);
}
