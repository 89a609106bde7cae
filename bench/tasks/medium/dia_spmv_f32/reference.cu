// One row per thread: data[d * n + i] is contiguous in i, so a warp's loads of each diagonal
// are coalesced, and so are its loads of x (x[i + off]). The offsets, the same for every
// thread, live in constant memory (one broadcast read per diagonal); x goes through the
// read-only cache, where neighbouring diagonals reuse it.
#define MAX_DIAG 64
__constant__ int c_off[MAX_DIAG];

__global__ void dia_kernel(int n, int ndiag, const float *__restrict__ data,
                           const float *__restrict__ x, float *__restrict__ y) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    float s = 0.0f;
    for (int d = 0; d < ndiag; d++) {
        int j = i + c_off[d];
        if (j >= 0 && j < n) s += data[(size_t)d * n + i] * __ldg(x + j);
    }
    y[i] = s;
}

__global__ void dia_global_kernel(int n, int ndiag, const int *off, const float *data,
                                  const float *x, float *y) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    float s = 0.0f;
    for (int d = 0; d < ndiag; d++) {
        int j = i + off[d];
        if (j >= 0 && j < n) s += data[(size_t)d * n + i] * x[j];
    }
    y[i] = s;
}

void dia_spmv_f32_device(int n, int ndiag, const int *off, const float *data, const float *x,
                         float *y) {
    if (n <= 0) return;
    if (ndiag <= MAX_DIAG) {
        cudaMemcpyToSymbol(c_off, off, ndiag * sizeof(int), 0, cudaMemcpyDeviceToDevice);
        dia_kernel<<<(n + 255) / 256, 256>>>(n, ndiag, data, x, y);
    } else {
        dia_global_kernel<<<(n + 255) / 256, 256>>>(n, ndiag, off, data, x, y);
    }
}
