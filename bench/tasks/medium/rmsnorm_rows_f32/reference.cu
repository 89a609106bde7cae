// One warp per row: lanes stride over the row (coalesced; float4 when the row length is a
// multiple of 4, so that every row starts 16-byte aligned), the sum of squares is combined
// with a butterfly shuffle so every lane holds it, and the scale is one rsqrtf.
__global__ void rmsnorm_kernel(int n, int m, const float *__restrict__ x,
                               const float *__restrict__ g, float *__restrict__ y) {
    const float eps = 1e-6f;
    int lane = threadIdx.x & 31;
    int row = (blockIdx.x * blockDim.x + threadIdx.x) >> 5;
    if (row >= n) return;  // uniform per warp
    const float *xr = x + (size_t)row * m;
    float *yr = y + (size_t)row * m;
    float ss = 0.0f;
    bool vec = (m % 4) == 0;
    if (vec) {
        const float4 *x4 = reinterpret_cast<const float4 *>(xr);
        for (int j = lane; j < m / 4; j += 32) {
            float4 v = x4[j];
            ss += v.x * v.x + v.y * v.y + v.z * v.z + v.w * v.w;
        }
    } else {
        for (int j = lane; j < m; j += 32) ss += xr[j] * xr[j];
    }
    for (int o = 16; o > 0; o >>= 1) ss += __shfl_xor_sync(0xffffffffu, ss, o);
    float inv = rsqrtf(ss / (float)m + eps);
    if (vec) {
        const float4 *x4 = reinterpret_cast<const float4 *>(xr);
        const float4 *g4 = reinterpret_cast<const float4 *>(g);
        float4 *y4 = reinterpret_cast<float4 *>(yr);
        for (int j = lane; j < m / 4; j += 32) {
            float4 v = x4[j], s = g4[j];
            y4[j] = make_float4(v.x * inv * s.x, v.y * inv * s.y, v.z * inv * s.z, v.w * inv * s.w);
        }
    } else {
        for (int j = lane; j < m; j += 32) yr[j] = xr[j] * inv * g[j];
    }
}

void rmsnorm_rows_f32_device(int n, int m, const float *x, const float *g, float *y) {
    if (n <= 0 || m <= 0) return;
    long long threads = (long long)n * 32;
    rmsnorm_kernel<<<(unsigned)((threads + 255) / 256), 256>>>(n, m, x, g, y);
}
