// thread mapping + shared memory reduction: one block reduces the four extremes.
#include <cfloat>
__global__ void k(const Point *p, size_t n, Box *out) {
    __shared__ float s[4][256];
    float a = FLT_MAX, b = -FLT_MAX, c = FLT_MAX, d = -FLT_MAX;
    for (size_t i = threadIdx.x; i < n; i += blockDim.x) {
        a = fminf(a, p[i].x); b = fmaxf(b, p[i].x); c = fminf(c, p[i].y); d = fmaxf(d, p[i].y);
    }
    s[0][threadIdx.x] = a; s[1][threadIdx.x] = b; s[2][threadIdx.x] = c; s[3][threadIdx.x] = d;
    __syncthreads();
    for (int h = 128; h > 0; h >>= 1) {
        if (threadIdx.x < h) {
            s[0][threadIdx.x] = fminf(s[0][threadIdx.x], s[0][threadIdx.x + h]);
            s[1][threadIdx.x] = fmaxf(s[1][threadIdx.x], s[1][threadIdx.x + h]);
            s[2][threadIdx.x] = fminf(s[2][threadIdx.x], s[2][threadIdx.x + h]);
            s[3][threadIdx.x] = fmaxf(s[3][threadIdx.x], s[3][threadIdx.x + h]);
        }
        __syncthreads();
    }
    if (threadIdx.x == 0) *out = Box{s[0][0], s[1][0], s[2][0], s[3][0]};
}
Box bounding_box_device(const Point *pts, size_t pts_size) {
    Box *d; cudaMalloc(&d, sizeof(Box));
    k<<<1, 256>>>(pts, pts_size, d);
    Box h; cudaMemcpy(&h, d, sizeof h, cudaMemcpyDeviceToHost); cudaFree(d);
    return h;
}
