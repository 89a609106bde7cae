// One thread per valid output sample; the k-tap dot product stays a sequential loop per thread.
__global__ void conv1d_kernel(int nout, int k, const float *x, const float *h, float *y) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < nout) {
        float s = 0.0f;
        for (int j = 0; j < k; j++) s += x[i + j] * h[j];
        y[i] = s;
    }
}

void conv1d_valid_f32_device(int n, const float *x, int k, const float *h, float *y) {
    int nout = n - k + 1;  // no output when k > n
    if (nout <= 0) return;
    int block = 256;
    conv1d_kernel<<<(nout + block - 1) / block, block>>>(nout, k, x, h, y);
}
