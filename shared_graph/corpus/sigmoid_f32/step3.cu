// Four elements per thread with float4 loads and stores; the last n % 4 by a scalar tail.
__device__ __forceinline__ float fast_sigmoid(float v) {
    return __fdividef(1.0f, 1.0f + __expf(-v));
}

__global__ void sigmoid_vec4_kernel(int n4, const float4 *x, float4 *y) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n4) {
        float4 v = x[i];
        y[i] = make_float4(fast_sigmoid(v.x), fast_sigmoid(v.y), fast_sigmoid(v.z),
                           fast_sigmoid(v.w));
    }
}

__global__ void sigmoid_tail_kernel(int start, int n, const float *x, float *y) {
    int i = start + blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) y[i] = fast_sigmoid(x[i]);
}

void sigmoid_f32_device(int n, const float *x, float *y) {
    if (n <= 0) return;
    int block = 256;
    int n4 = n / 4;
    if (n4 > 0)
        sigmoid_vec4_kernel<<<(n4 + block - 1) / block, block>>>(n4, (const float4 *)x,
                                                                 (float4 *)y);
    int start = n4 * 4;
    if (start < n) sigmoid_tail_kernel<<<1, 32>>>(start, n, x, y);
}
