// Column on threadIdx.x: a warp reads 32 consecutive floats (in reverse order, still one
// contiguous segment) and writes 32 consecutive floats.
__global__ void flip_kernel(int n, int m, const float *__restrict__ in, float *__restrict__ out) {
    int j = blockIdx.x * blockDim.x + threadIdx.x;
    int i = blockIdx.y * blockDim.y + threadIdx.y;
    if (i >= n || j >= m) return;
    size_t row = (size_t)i * m;
    out[row + j] = in[row + (m - 1 - j)];
}

void flip_rows_f32_device(int n, int m, const float *in, float *out) {
    if (n <= 0 || m <= 0) return;
    dim3 block(32, 8);
    dim3 grid((m + 31) / 32, (n + 7) / 8);
    flip_kernel<<<grid, block>>>(n, m, in, out);
}
