#include <math.h>

// One element per thread, four per thread through float4 loads and stores where the array is
// 16-byte aligned (cudaMalloc'd), a scalar tail for the rest.
__device__ __forceinline__ float gelu(float v) {
    const float k = 0.7978845608f;
    return 0.5f * v * (1.0f + tanhf(k * (v + 0.044715f * v * v * v)));
}

__global__ void gelu_vec4_kernel(int n4, const float4 *__restrict__ x, float4 *__restrict__ y) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n4) return;
    float4 v = x[i];
    y[i] = make_float4(gelu(v.x), gelu(v.y), gelu(v.z), gelu(v.w));
}

__global__ void gelu_tail_kernel(int start, int n, const float *__restrict__ x,
                                 float *__restrict__ y) {
    int i = start + blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) y[i] = gelu(x[i]);
}

void gelu_tanh_f32_device(int n, const float *x, float *y) {
    if (n <= 0) return;
    int n4 = n / 4;
    if (n4 > 0)
        gelu_vec4_kernel<<<(n4 + 255) / 256, 256>>>(n4, (const float4 *)x, (float4 *)y);
    int tail = n - 4 * n4;
    if (tail > 0) gelu_tail_kernel<<<1, 32>>>(4 * n4, n, x, y);
}
