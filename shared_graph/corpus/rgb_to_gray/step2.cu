// Four pixels per thread: their 12 bytes are three aligned 32-bit words
// (r0 g0 b0 r1 | g1 b1 r2 g2 | b2 r3 g3 b3), and the four results one float4 store.
// The last npix % 4 pixels are done one per thread by a small tail kernel.
__device__ __forceinline__ float luma(unsigned int r, unsigned int g, unsigned int b) {
    return 0.299f * (float)r + 0.587f * (float)g + 0.114f * (float)b;
}

__global__ void gray_vec4_kernel(int nquads, const unsigned int *words, float4 *gray4) {
    int q = blockIdx.x * blockDim.x + threadIdx.x;
    if (q < nquads) {
        unsigned int w0 = words[3 * q], w1 = words[3 * q + 1], w2 = words[3 * q + 2];
        float4 out;  // bytes are little-endian: byte k of a word is (w >> 8k) & 0xff
        out.x = luma(w0 & 0xff, (w0 >> 8) & 0xff, (w0 >> 16) & 0xff);
        out.y = luma(w0 >> 24, w1 & 0xff, (w1 >> 8) & 0xff);
        out.z = luma((w1 >> 16) & 0xff, w1 >> 24, w2 & 0xff);
        out.w = luma((w2 >> 8) & 0xff, (w2 >> 16) & 0xff, w2 >> 24);
        gray4[q] = out;
    }
}

__global__ void gray_tail_kernel(int start, int npix, const unsigned char *rgb, float *gray) {
    int i = start + blockIdx.x * blockDim.x + threadIdx.x;
    if (i < npix) gray[i] = luma(rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2]);
}

void rgb_to_gray_device(int npix, const unsigned char *rgb, float *gray) {
    if (npix <= 0) return;
    int block = 256;
    int nquads = npix / 4;
    if (nquads > 0)
        gray_vec4_kernel<<<(nquads + block - 1) / block, block>>>(
            nquads, (const unsigned int *)rgb, (float4 *)gray);
    int start = nquads * 4;
    if (start < npix) gray_tail_kernel<<<1, 32>>>(start, npix, rgb, gray);
}
