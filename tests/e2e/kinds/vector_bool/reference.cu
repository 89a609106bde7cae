__global__ void k(const float *x, const bool *a, bool *f, size_t n) {
    size_t i = blockIdx.x * (size_t)blockDim.x + threadIdx.x;
    if (i < n) f[i] = a[i] && x[i] > 0.0f;
}
void mark_device(const float *x, size_t x_size, const bool *active, size_t active_size, bool *flags, size_t flags_size) { if (x_size) k<<<(x_size+255)/256,256>>>(x, active, flags, x_size); }
