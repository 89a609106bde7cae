// One start value per thread. The loop lengths differ a lot between neighbours (divergence
// the data imposes); small blocks of 128 keep more independent warps per SM to hide it.
__global__ __launch_bounds__(128) void collatz_kernel(int n, const unsigned int *start,
                                                      unsigned int *steps) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    unsigned long long v = start[i];
    unsigned int s = 0;
    while (v > 1 && s < 1000) {
        v = (v & 1) ? 3 * v + 1 : v >> 1;
        s++;
    }
    steps[i] = s;
}

void collatz_steps_u32_device(int n, const unsigned int *start, unsigned int *steps) {
    if (n <= 0) return;
    collatz_kernel<<<(n + 127) / 128, 128>>>(n, start, steps);
}
