// Two complex numbers per thread as one float4 (re0, im0, re1, im1): one 16-byte load per
// operand and one 16-byte store instead of four 4-byte stride-2 accesses. When n is odd, the
// thread just past the last pair multiplies the last complex number with scalar accesses.
__global__ void cmul_kernel(int n, const float *a, const float *b, float *c) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    int pairs = n / 2;
    if (i < pairs) {
        float4 u = ((const float4 *)a)[i];
        float4 v = ((const float4 *)b)[i];
        float4 w;
        w.x = u.x * v.x - u.y * v.y;
        w.y = u.x * v.y + u.y * v.x;
        w.z = u.z * v.z - u.w * v.w;
        w.w = u.z * v.w + u.w * v.z;
        ((float4 *)c)[i] = w;
    } else if (i == pairs && (n & 1)) {
        int k = n - 1;
        float ar = a[2 * k], ai = a[2 * k + 1];
        float br = b[2 * k], bi = b[2 * k + 1];
        c[2 * k] = ar * br - ai * bi;
        c[2 * k + 1] = ar * bi + ai * br;
    }
}

void cmul_interleaved_f32_device(int n, const float *a, const float *b, float *c) {
    if (n <= 0) return;
    int block = 256;
    int threads = n / 2 + (n & 1);
    cmul_kernel<<<(threads + block - 1) / block, block>>>(n, a, b, c);
}
