__global__ void masked_fill_kernel(int n, const float *x, const unsigned char *mask, float value,
                                   float *y) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) y[i] = mask[i] ? value : x[i];
}

void masked_fill_f32_device(int n, const float *x, const unsigned char *mask, float value,
                            float *y) {
    if (n <= 0) return;
    masked_fill_kernel<<<(n + 255) / 256, 256>>>(n, x, mask, value, y);
}
