// One thread per system: thread s runs the sequential Thomas algorithm on system s. The
// modified super-diagonal needs n floats per system, so the launcher allocates a scratch
// buffer of count * n floats (same layout as the inputs) and frees it afterwards.
__global__ void thomas_kernel(int count, int n, const float *a, const float *b, const float *c,
                              const float *d, float *x, float *cp) {
    int s = blockIdx.x * blockDim.x + threadIdx.x;
    if (s >= count) return;
    size_t o = (size_t)s * n;
    cp[o] = c[o] / b[o];
    x[o] = d[o] / b[o];
    for (int i = 1; i < n; i++) {
        float den = b[o + i] - a[o + i] * cp[o + i - 1];
        cp[o + i] = c[o + i] / den;
        x[o + i] = (d[o + i] - a[o + i] * x[o + i - 1]) / den;
    }
    for (int i = n - 2; i >= 0; i--) x[o + i] -= cp[o + i] * x[o + i + 1];
}

void tridiag_batch_f32_device(int count, int n, const float *a, const float *b, const float *c,
                              const float *d, float *x) {
    if (count <= 0 || n <= 0) return;
    float *cp = nullptr;
    if (cudaMalloc(&cp, (size_t)count * n * sizeof(float)) != cudaSuccess) return;
    int block = 128;
    thomas_kernel<<<(count + block - 1) / block, block>>>(count, n, a, b, c, d, x, cp);
    cudaFree(cp);  // waits for the kernel
}
