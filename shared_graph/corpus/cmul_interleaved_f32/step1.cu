__global__ void cmul_kernel(int n, const float *a, const float *b, float *c) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) {
        float ar = a[2 * i], ai = a[2 * i + 1];
        float br = b[2 * i], bi = b[2 * i + 1];
        c[2 * i] = ar * br - ai * bi;
        c[2 * i + 1] = ar * bi + ai * br;
    }
}

void cmul_interleaved_f32_device(int n, const float *a, const float *b, float *c) {
    if (n <= 0) return;
    int block = 256;
    cmul_kernel<<<(n + block - 1) / block, block>>>(n, a, b, c);
}
