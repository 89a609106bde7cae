__global__ void k(const float *x, size_t n, float t, int *out, unsigned long long *count) {
    size_t i = blockIdx.x * (size_t)blockDim.x + threadIdx.x;
    if (i < n && x[i] > t) out[atomicAdd(count, 1ULL)] = (int)i;
}
void above_device(const float *x, size_t x_size, float t, int *out, size_t out_capacity, unsigned long long *out_count) {
    if (x_size) k<<<(x_size+255)/256,256>>>(x, x_size, t, out, out_count);
}
