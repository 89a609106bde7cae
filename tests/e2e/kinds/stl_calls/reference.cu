// thread mapping: one pass for the peak, one for the sum (atomics on one float), one to scale.
__global__ void peak_k(const float *x, size_t n, unsigned *peak_bits) {
    size_t i = blockIdx.x * (size_t)blockDim.x + threadIdx.x;
    if (i < n) {
        unsigned b = __float_as_uint(x[i]);
        b = (b & 0x80000000u) ? ~b : (b | 0x80000000u);  // order-preserving bits
        atomicMax(peak_bits, b);
    }
}
__global__ void exp_k(const float *x, size_t n, const unsigned *peak_bits, float *p, float *total) {
    size_t i = blockIdx.x * (size_t)blockDim.x + threadIdx.x;
    unsigned b = *peak_bits;
    float peak = __uint_as_float((b & 0x80000000u) ? (b & 0x7fffffffu) : ~b);
    if (i < n) { float e = expf(x[i] - peak); p[i] = e; atomicAdd(total, e); }
}
__global__ void scale_k(float *p, size_t n, const float *total) {
    size_t i = blockIdx.x * (size_t)blockDim.x + threadIdx.x;
    if (i < n) p[i] /= *total;
}
void softmax_device(const float *logits, size_t logits_size, float *probs, size_t probs_size) {
    if (logits_size == 0) return;
    unsigned *bits; float *total;
    cudaMalloc(&bits, sizeof(unsigned)); cudaMalloc(&total, sizeof(float));
    cudaMemset(bits, 0, sizeof(unsigned)); cudaMemset(total, 0, sizeof(float));
    unsigned blocks = (unsigned)((logits_size + 255) / 256);
    peak_k<<<blocks, 256>>>(logits, logits_size, bits);
    exp_k<<<blocks, 256>>>(logits, logits_size, bits, probs, total);
    scale_k<<<blocks, 256>>>(probs, logits_size, total);
    cudaFree(bits); cudaFree(total);
}
