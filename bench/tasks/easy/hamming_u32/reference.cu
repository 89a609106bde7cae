// One pair per thread; the bit loop becomes the hardware population count (__popc).
__global__ void hamming_kernel(int n, const unsigned int *a, const unsigned int *b, int *dist) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) dist[i] = __popc(a[i] ^ b[i]);
}

void hamming_u32_device(int n, const unsigned int *a, const unsigned int *b, int *dist) {
    if (n <= 0) return;
    hamming_kernel<<<(n + 255) / 256, 256>>>(n, a, b, dist);
}
