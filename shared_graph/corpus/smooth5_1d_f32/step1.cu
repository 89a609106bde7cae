// One thread per output sample; neighbour indices are clamped to [0, n-1] as in the C code.
__device__ __forceinline__ int clamp_index(int i, int n) { return i < 0 ? 0 : (i > n - 1 ? n - 1 : i); }

__global__ void smooth5_kernel(int n, const float *x, float *y) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) {
        float a = x[clamp_index(i - 2, n)];
        float b = x[clamp_index(i - 1, n)];
        float c = x[i];
        float d = x[clamp_index(i + 1, n)];
        float e = x[clamp_index(i + 2, n)];
        y[i] = (a + 4.0f * b + 6.0f * c + 4.0f * d + e) * (1.0f / 16.0f);
    }
}

void smooth5_1d_f32_device(int n, const float *x, float *y) {
    if (n <= 0) return;
    int block = 256;
    smooth5_kernel<<<(n + block - 1) / block, block>>>(n, x, y);
}
