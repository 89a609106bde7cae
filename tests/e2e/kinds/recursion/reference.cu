// thread mapping: one pair per thread; the recursion becomes a loop.
__global__ void k(const unsigned *a, const unsigned *b, int *steps, size_t n) {
    size_t i = blockIdx.x * (size_t)blockDim.x + threadIdx.x;
    if (i >= n) return;
    unsigned x = a[i], y = b[i];
    int s = 0;
    while (y != 0) { unsigned r = x % y; x = y; y = r; ++s; }
    steps[i] = s;
}
void gcd_steps_device(const unsigned *a, size_t a_size, const unsigned *b, size_t b_size,
                      int *steps, size_t steps_size) {
    if (a_size) k<<<(unsigned)((a_size + 255) / 256), 256>>>(a, b, steps, a_size);
}
