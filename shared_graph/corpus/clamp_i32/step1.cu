__global__ void clamp_kernel(int n, const int *x, int lo, int hi, int *y) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) {
        int v = x[i];
        if (v < lo) v = lo;
        else if (v > hi) v = hi;
        y[i] = v;
    }
}

void clamp_i32_device(int n, const int *x, int lo, int hi, int *y) {
    if (n <= 0) return;
    int block = 256;
    clamp_kernel<<<(n + block - 1) / block, block>>>(n, x, lo, hi, y);
}
