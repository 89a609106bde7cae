__global__ void gray_kernel(int npix, const unsigned char *rgb, float *gray) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < npix) {
        float r = rgb[3 * i], g = rgb[3 * i + 1], b = rgb[3 * i + 2];
        gray[i] = 0.299f * r + 0.587f * g + 0.114f * b;
    }
}

void rgb_to_gray_device(int npix, const unsigned char *rgb, float *gray) {
    if (npix <= 0) return;
    int block = 256;
    gray_kernel<<<(npix + block - 1) / block, block>>>(npix, rgb, gray);
}
