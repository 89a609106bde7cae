// Same thread-per-system Thomas algorithm, but the scratch array is interleaved:
// cp[i * count + s] instead of cp[s * n + i]. In every step of the sweeps the threads of a
// warp (consecutive systems s) then touch consecutive scratch addresses, so the scratch
// writes and reads are coalesced; the carried values cp[i-1] and x[i-1] stay in registers.
__global__ void thomas_interleaved_kernel(int count, int n, const float *a, const float *b,
                                          const float *c, const float *d, float *x,
                                          float *cp) {
    int s = blockIdx.x * blockDim.x + threadIdx.x;
    if (s >= count) return;
    size_t o = (size_t)s * n;
    float cprev = c[o] / b[o];
    float xprev = d[o] / b[o];
    cp[s] = cprev;
    x[o] = xprev;
    for (int i = 1; i < n; i++) {
        float ai = a[o + i];
        float den = b[o + i] - ai * cprev;
        cprev = c[o + i] / den;
        xprev = (d[o + i] - ai * xprev) / den;
        cp[(size_t)i * count + s] = cprev;
        x[o + i] = xprev;
    }
    float xnext = xprev;  // x[n-1] is final
    for (int i = n - 2; i >= 0; i--) {
        xnext = x[o + i] - cp[(size_t)i * count + s] * xnext;
        x[o + i] = xnext;
    }
}

void tridiag_batch_f32_device(int count, int n, const float *a, const float *b, const float *c,
                              const float *d, float *x) {
    if (count <= 0 || n <= 0) return;
    float *cp = nullptr;
    if (cudaMalloc(&cp, (size_t)count * n * sizeof(float)) != cudaSuccess) return;
    int block = 128;
    thomas_interleaved_kernel<<<(count + block - 1) / block, block>>>(count, n, a, b, c, d, x,
                                                                       cp);
    cudaFree(cp);
}
