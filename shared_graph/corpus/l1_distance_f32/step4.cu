#include <math.h>

// The per-thread loop reads a and b as float4 (16-byte loads); the n % 4 leftover elements
// are added by the first threads of the grid. Block tree + one-block final pass as before.
#define BLOCK 256

__global__ void l1_partial_kernel(int n, const float *a, const float *b, double *partials) {
    __shared__ float s[BLOCK];
    int stride = gridDim.x * BLOCK;
    int tid = blockIdx.x * BLOCK + threadIdx.x;
    int n4 = n / 4;
    const float4 *a4 = (const float4 *)a;
    const float4 *b4 = (const float4 *)b;
    float v = 0.0f;
    for (int i = tid; i < n4; i += stride) {
        float4 p = a4[i], q = b4[i];
        v += (fabsf(p.x - q.x) + fabsf(p.y - q.y)) + (fabsf(p.z - q.z) + fabsf(p.w - q.w));
    }
    int i = n4 * 4 + tid;  // at most 3 leftover elements
    if (i < n) v += fabsf(a[i] - b[i]);
    s[threadIdx.x] = v;
    __syncthreads();
    for (int half = BLOCK / 2; half > 0; half >>= 1) {
        if (threadIdx.x < half) s[threadIdx.x] += s[threadIdx.x + half];
        __syncthreads();
    }
    if (threadIdx.x == 0) partials[blockIdx.x] = (double)s[0];
}

__global__ void l1_final_kernel(int count, const double *partials, double *sum) {
    __shared__ double s[BLOCK];
    double v = 0.0;
    for (int i = threadIdx.x; i < count; i += BLOCK) v += partials[i];
    s[threadIdx.x] = v;
    __syncthreads();
    for (int half = BLOCK / 2; half > 0; half >>= 1) {
        if (threadIdx.x < half) s[threadIdx.x] += s[threadIdx.x + half];
        __syncthreads();
    }
    if (threadIdx.x == 0) *sum = s[0];
}

float l1_distance_f32_device(int n, const float *a, const float *b) {
    if (n <= 0) return 0.0f;
    int dev = 0, sms = 0;
    cudaGetDevice(&dev);
    cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, dev);
    if (sms <= 0) sms = 80;
    int groups = n / 4 > 0 ? n / 4 : 1;
    int needed = (groups + BLOCK - 1) / BLOCK;
    int grid = needed < sms * 8 ? needed : sms * 8;
    double *d_buf = nullptr;  // [0] the total, [1 .. grid] the block partials
    cudaMalloc(&d_buf, (grid + 1) * sizeof(double));
    l1_partial_kernel<<<grid, BLOCK>>>(n, a, b, d_buf + 1);
    l1_final_kernel<<<1, BLOCK>>>(grid, d_buf + 1, d_buf);
    double result = 0.0;
    cudaMemcpy(&result, d_buf, sizeof(double), cudaMemcpyDeviceToHost);
    cudaFree(d_buf);
    return (float)result;
}
