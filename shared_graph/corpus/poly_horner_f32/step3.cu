// Four points per thread (block-strided, so every load and store stays coalesced): each
// coefficient is loaded once and feeds four independent Horner chains.
#define ITEMS 4

__global__ void horner_kernel(int n, const float *__restrict__ x,
                              const float *__restrict__ coef, int degree,
                              float *__restrict__ y) {
    int base = blockIdx.x * blockDim.x * ITEMS + threadIdx.x;
    float t[ITEMS], acc[ITEMS];
    float top = __ldg(&coef[degree]);
#pragma unroll
    for (int j = 0; j < ITEMS; j++) {
        int i = base + j * blockDim.x;
        t[j] = (i < n) ? __ldg(&x[i]) : 0.0f;
        acc[j] = top;
    }
    for (int k = degree - 1; k >= 0; k--) {
        float c = __ldg(&coef[k]);
#pragma unroll
        for (int j = 0; j < ITEMS; j++) acc[j] = acc[j] * t[j] + c;
    }
#pragma unroll
    for (int j = 0; j < ITEMS; j++) {
        int i = base + j * blockDim.x;
        if (i < n) y[i] = acc[j];
    }
}

void poly_horner_f32_device(int n, const float *x, const float *coef, int degree, float *y) {
    if (n <= 0) return;
    int block = 256;
    int per_block = block * ITEMS;
    horner_kernel<<<(n + per_block - 1) / per_block, block>>>(n, x, coef, degree, y);
}
