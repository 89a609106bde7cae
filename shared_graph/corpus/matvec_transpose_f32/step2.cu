// Block of 32 x 8 threads per 32 columns: the 8 thread rows split the matrix rows among them
// (rows ty, ty+8, ...), and their 8 partial sums per column are added in shared memory.
#define TY 8

__global__ void matvec_t_smem_kernel(int n, int m, const float *A, const float *x, float *y) {
    __shared__ float part[TY][32];
    int tx = threadIdx.x, ty = threadIdx.y;
    int j = blockIdx.x * 32 + tx;
    float sum = 0.0f;
    if (j < m)
        for (int i = ty; i < n; i += TY) sum += A[(size_t)i * m + j] * x[i];
    part[ty][tx] = sum;
    __syncthreads();
    if (ty == 0 && j < m) {
        float s = part[0][tx];
        for (int k = 1; k < TY; k++) s += part[k][tx];
        y[j] = s;
    }
}

void matvec_transpose_f32_device(int n, int m, const float *A, const float *x, float *y) {
    if (m <= 0) return;
    dim3 block(32, TY);
    matvec_t_smem_kernel<<<(m + 31) / 32, block>>>(n, m, A, x, y);
}
