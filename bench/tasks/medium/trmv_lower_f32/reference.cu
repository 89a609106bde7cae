// One warp per row: row i has i + 1 terms, so a thread per row would leave the short rows'
// threads idle in the same warp as the long ones; a warp per row reads its row coalesced (as
// float4 when n is a multiple of 4) and reduces with shuffles.
__global__ void trmv_kernel(int n, const float *__restrict__ a, const float *__restrict__ x,
                            float *__restrict__ y) {
    int lane = threadIdx.x & 31;
    int i = (blockIdx.x * blockDim.x + threadIdx.x) >> 5;
    if (i >= n) return;  // uniform per warp
    const float *row = a + (size_t)i * n;
    int len = i + 1;
    float s = 0.0f;
    if ((n & 3) == 0) {
        int quads = len / 4;
        const float4 *r4 = reinterpret_cast<const float4 *>(row);
        const float4 *x4 = reinterpret_cast<const float4 *>(x);
        for (int q = lane; q < quads; q += 32) {
            float4 u = r4[q], v = x4[q];
            s += u.x * v.x + u.y * v.y + u.z * v.z + u.w * v.w;
        }
        for (int j = 4 * quads + lane; j < len; j += 32) s += row[j] * x[j];
    } else {
        for (int j = lane; j < len; j += 32) s += row[j] * x[j];
    }
    for (int o = 16; o > 0; o >>= 1) s += __shfl_down_sync(0xffffffffu, s, o);
    if (lane == 0) y[i] = s;
}

void trmv_lower_f32_device(int n, const float *a, const float *x, float *y) {
    if (n <= 0) return;
    long long threads = (long long)n * 32;
    trmv_kernel<<<(unsigned)((threads + 255) / 256), 256>>>(n, a, x, y);
}
