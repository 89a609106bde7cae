// The 9 weights are read once per thread through the read-only cache (__ldg; every thread
// reads the same addresses, so they are broadcast) and kept in registers; the image is read
// through const __restrict__ pointers / __ldg as well.
__global__ void conv3x3_kernel(int n, int m, const float *__restrict__ img,
                               const float *__restrict__ w, float *__restrict__ out) {
    int j = blockIdx.x * blockDim.x + threadIdx.x;
    if (j >= m) return;
    float wr[9];
#pragma unroll
    for (int t = 0; t < 9; t++) wr[t] = __ldg(&w[t]);
    for (int i = blockIdx.y * blockDim.y + threadIdx.y; i < n; i += gridDim.y * blockDim.y) {
        float s = 0.0f;
#pragma unroll
        for (int di = 0; di < 3; di++) {
            int ii = i + di - 1;
            if (ii < 0 || ii >= n) continue;
#pragma unroll
            for (int dj = 0; dj < 3; dj++) {
                int jj = j + dj - 1;
                if (jj < 0 || jj >= m) continue;
                s += wr[di * 3 + dj] * __ldg(&img[ii * m + jj]);
            }
        }
        out[i * m + j] = s;
    }
}

void conv2d_3x3_zpad_f32_device(int n, int m, const float *img, const float *w, float *out) {
    if (n <= 0 || m <= 0) return;
    dim3 block(32, 8);
    unsigned gy = (unsigned)((n + 7) / 8);
    if (gy > 65535u) gy = 65535u;
    dim3 grid((unsigned)((m + 31) / 32), gy);
    conv3x3_kernel<<<grid, block>>>(n, m, img, w, out);
}
