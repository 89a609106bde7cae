// A block of 32 x 8 threads owns 32 adjacent columns: threadIdx.x walks the columns (a warp
// reads 128 contiguous bytes of a row), the 8 rows of threads split the n rows, and the 8
// partial sums of a column meet in shared memory.
#define TX 32
#define TY 8

__global__ void col_means_kernel(int n, int m, const float *__restrict__ x, float *mean) {
    __shared__ float part[TY][TX + 1];
    int j = blockIdx.x * TX + threadIdx.x;
    float s = 0.0f;
    if (j < m)
        for (int i = threadIdx.y; i < n; i += TY) s += x[(size_t)i * m + j];
    part[threadIdx.y][threadIdx.x] = s;
    __syncthreads();
    if (threadIdx.y == 0 && j < m) {
        float t = 0.0f;
        for (int r = 0; r < TY; r++) t += part[r][threadIdx.x];
        mean[j] = t / (float)n;
    }
}

void col_means_f32_device(int n, int m, const float *x, float *mean) {
    if (m <= 0) return;
    if (n <= 0) {  // 0 / 0 as the sequential code: NaN
        col_means_kernel<<<(m + TX - 1) / TX, dim3(TX, TY)>>>(0, m, x, mean);
        return;
    }
    col_means_kernel<<<(m + TX - 1) / TX, dim3(TX, TY)>>>(n, m, x, mean);
}
