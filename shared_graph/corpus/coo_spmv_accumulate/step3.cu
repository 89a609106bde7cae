#include <stdint.h>
// Four nonzeros per thread through 16-byte loads (int4 row/col, float4 val) when the three
// arrays share their alignment modulo 16; a scalar head and tail cover the rest.
__device__ __forceinline__ void coo_one(int r, int c, float v, const float *__restrict__ x,
                                        float *y) {
    atomicAdd(&y[r], v * __ldg(&x[c]));
}

__global__ void coo_spmv_vec_kernel(int nnz, const int *__restrict__ row,
                                    const int *__restrict__ col, const float *__restrict__ val,
                                    const float *__restrict__ x, float *y, int head,
                                    long long nvec) {
    long long t = (long long)blockIdx.x * blockDim.x + threadIdx.x;
    if (t < nvec) {
        int4 r = __ldg((const int4 *)(row + head) + t);
        int4 c = __ldg((const int4 *)(col + head) + t);
        float4 v = __ldg((const float4 *)(val + head) + t);
        coo_one(r.x, c.x, v.x, x, y);
        coo_one(r.y, c.y, v.y, x, y);
        coo_one(r.z, c.z, v.z, x, y);
        coo_one(r.w, c.w, v.w, x, y);
    }
}

// Scalar entries: [0, head) and [tail_start, nnz).
__global__ void coo_spmv_scalar_kernel(int nnz, const int *__restrict__ row,
                                       const int *__restrict__ col,
                                       const float *__restrict__ val,
                                       const float *__restrict__ x, float *y, int head,
                                       long long tail_start) {
    long long r = (long long)blockIdx.x * blockDim.x + threadIdx.x;
    long long e = r < head ? r : tail_start + (r - head);
    if (e < nnz) coo_one(__ldg(&row[e]), __ldg(&col[e]), __ldg(&val[e]), x, y);
}

void coo_spmv_accumulate_device(int nnz, const int *row, const int *col, const float *val,
                                const float *x, int n, float *y) {
    if (nnz <= 0 || n <= 0) return;
    const int block = 256;
    uintptr_t a = (uintptr_t)row;
    int head;
    long long nvec;
    if (((a ^ (uintptr_t)col) & 15) == 0 && ((a ^ (uintptr_t)val) & 15) == 0) {
        head = (int)(((16 - (a & 15)) & 15) / 4);
        if (head > nnz) head = nnz;
        nvec = ((long long)nnz - head) / 4;
    } else {
        head = nnz;
        nvec = 0;
    }
    long long tail_start = (long long)head + 4 * nvec;
    long long scalar = (long long)head + ((long long)nnz - tail_start);
    if (nvec > 0)
        coo_spmv_vec_kernel<<<(unsigned)((nvec + block - 1) / block), block>>>(
            nnz, row, col, val, x, y, head, nvec);
    if (scalar > 0)
        coo_spmv_scalar_kernel<<<(unsigned)((scalar + block - 1) / block), block>>>(
            nnz, row, col, val, x, y, head, tail_start);
}
