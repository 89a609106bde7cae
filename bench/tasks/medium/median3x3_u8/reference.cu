// 32 x 8 tiles with a halo in shared memory; the median comes from a fixed min/max exchange
// network (19 exchanges, no data-dependent branches: every lane of a warp runs the same
// instructions, where the insertion sort diverged).
#define TX 32
#define TY 8

__device__ __forceinline__ void exch(int &a, int &b) {
    int lo = min(a, b), hi = max(a, b);
    a = lo;
    b = hi;
}

__global__ void median_kernel(int h, int w, const unsigned char *__restrict__ in,
                              unsigned char *__restrict__ out) {
    __shared__ unsigned char s[TY + 2][TX + 2];
    int x = blockIdx.x * TX + threadIdx.x, y = blockIdx.y * TY + threadIdx.y;
    int x0 = blockIdx.x * TX - 1, y0 = blockIdx.y * TY - 1;
    for (int r = threadIdx.y; r < TY + 2; r += TY)
        for (int q = threadIdx.x; q < TX + 2; q += TX) {
            int gy = y0 + r, gx = x0 + q;
            s[r][q] = (gy >= 0 && gy < h && gx >= 0 && gx < w) ? in[(size_t)gy * w + gx] : 0;
        }
    __syncthreads();
    if (x >= w || y >= h) return;
    if (y == 0 || x == 0 || y == h - 1 || x == w - 1) {
        out[(size_t)y * w + x] = s[threadIdx.y + 1][threadIdx.x + 1];
        return;
    }
    int p0 = s[threadIdx.y][threadIdx.x], p1 = s[threadIdx.y][threadIdx.x + 1],
        p2 = s[threadIdx.y][threadIdx.x + 2], p3 = s[threadIdx.y + 1][threadIdx.x],
        p4 = s[threadIdx.y + 1][threadIdx.x + 1], p5 = s[threadIdx.y + 1][threadIdx.x + 2],
        p6 = s[threadIdx.y + 2][threadIdx.x], p7 = s[threadIdx.y + 2][threadIdx.x + 1],
        p8 = s[threadIdx.y + 2][threadIdx.x + 2];
    // Paeth's 9-element median network
    exch(p1, p2); exch(p4, p5); exch(p7, p8); exch(p0, p1); exch(p3, p4); exch(p6, p7);
    exch(p1, p2); exch(p4, p5); exch(p7, p8); exch(p0, p3); exch(p5, p8); exch(p4, p7);
    exch(p3, p6); exch(p1, p4); exch(p2, p5); exch(p4, p7); exch(p4, p2); exch(p6, p4);
    exch(p4, p2);
    out[(size_t)y * w + x] = (unsigned char)p4;
}

void median3x3_u8_device(int h, int w, const unsigned char *in, unsigned char *out) {
    if (h <= 0 || w <= 0) return;
    dim3 grid((w + TX - 1) / TX, (h + TY - 1) / TY);
    median_kernel<<<grid, dim3(TX, TY)>>>(h, w, in, out);
}
