#include <stdint.h>

// One warp per row with 16-byte loads of A. A row starts at A + row*m, which is 16-byte
// aligned only when row*m is a multiple of 4, so each row is split into a scalar head (up to
// 3 elements, until the address is aligned), a float4 body and a scalar tail.
__global__ void matvec_warp_vec4_kernel(int n, int m, const float *A, const float *x,
                                        float *y) {
    int lane = threadIdx.x & 31;
    int row = blockIdx.x * (blockDim.x >> 5) + (threadIdx.x >> 5);
    if (row >= n) return;  // uniform per warp
    const float *a = A + (size_t)row * m;
    int head = (int)(((16 - ((uintptr_t)a & 15)) & 15) >> 2);  // floats before a 16B boundary
    if (head > m) head = m;
    float sum = 0.0f;
    if (lane < head) sum += a[lane] * x[lane];
    int nvec = (m - head) >> 2;
    const float4 *a4 = reinterpret_cast<const float4 *>(a + head);
    for (int v = lane; v < nvec; v += 32) {
        float4 q = a4[v];
        int j = head + 4 * v;
        sum += q.x * x[j] + q.y * x[j + 1] + q.z * x[j + 2] + q.w * x[j + 3];
    }
    for (int j = head + 4 * nvec + lane; j < m; j += 32) sum += a[j] * x[j];
    for (int off = 16; off > 0; off >>= 1) sum += __shfl_down_sync(0xffffffffu, sum, off);
    if (lane == 0) y[row] = sum;
}

void matvec_f32_device(int n, int m, const float *A, const float *x, float *y) {
    if (n <= 0) return;
    int block = 256;
    int rows_per_block = block / 32;
    matvec_warp_vec4_kernel<<<(n + rows_per_block - 1) / rows_per_block, block>>>(n, m, A, x,
                                                                                  y);
}
