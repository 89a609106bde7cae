// thread mapping: one character per thread; the launcher states the output's length.
__global__ void k(const char *t, size_t n, char *o) {
    size_t i = blockIdx.x * (size_t)blockDim.x + threadIdx.x;
    if (i < n) { char c = t[i]; o[i] = (c >= 'a' && c <= 'z') ? char('a' + (c - 'a' + 13) % 26) : c; }
}
void rot13_device(const char *text, size_t text_size, char *out, size_t out_capacity,
                  unsigned long long *out_count) {
    if (text_size) k<<<(unsigned)((text_size + 255) / 256), 256>>>(text, text_size, out);
    unsigned long long n = text_size;
    cudaMemcpy(out_count, &n, sizeof n, cudaMemcpyHostToDevice);
}
