// Every thread reads the same coefficients: route them (and x) through the read-only cache.
__global__ void horner_kernel(int n, const float *__restrict__ x,
                              const float *__restrict__ coef, int degree,
                              float *__restrict__ y) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) {
        float t = __ldg(&x[i]);
        float acc = __ldg(&coef[degree]);
        for (int k = degree - 1; k >= 0; k--) acc = acc * t + __ldg(&coef[k]);
        y[i] = acc;
    }
}

void poly_horner_f32_device(int n, const float *x, const float *coef, int degree, float *y) {
    if (n <= 0) return;
    int block = 256;
    horner_kernel<<<(n + block - 1) / block, block>>>(n, x, coef, degree, y);
}
