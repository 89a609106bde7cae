// One pixel per thread, read and written as one uchar4 (4-byte aligned: cudaMalloc'd base).
__global__ void premultiply_kernel(int n, const uchar4 *__restrict__ px,
                                   uchar4 *__restrict__ out) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    uchar4 p = px[i];
    unsigned int a = p.w;
    out[i] = make_uchar4((unsigned char)((p.x * a + 127) / 255),
                         (unsigned char)((p.y * a + 127) / 255),
                         (unsigned char)((p.z * a + 127) / 255), p.w);
}

void premultiply_rgba_u8_device(int n, const unsigned char *px, unsigned char *out) {
    if (n <= 0) return;
    premultiply_kernel<<<(n + 255) / 256, 256>>>(n, (const uchar4 *)px, (uchar4 *)out);
}
