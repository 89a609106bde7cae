#include <stdint.h>

// One thread per output row (4 threads per matrix): thread t = 4b + r loads row r of M_b as
// one float4. Consecutive threads now read consecutive 16-byte rows (a warp reads 512
// contiguous bytes of M in one instruction) and write consecutive floats of out; the 4
// threads of a matrix read the same v_b (one broadcast). Scalar fallback when unaligned.
__global__ void mv4_kernel(int count, const float *M, const float *v, float *out) {
    int b = blockIdx.x * blockDim.x + threadIdx.x;
    if (b >= count) return;
    for (int r = 0; r < 4; r++) {
        float s = 0.0f;
        for (int c = 0; c < 4; c++) s += M[(size_t)b * 16 + r * 4 + c] * v[(size_t)b * 4 + c];
        out[(size_t)b * 4 + r] = s;
    }
}

__global__ void mv4_row_kernel(long long rows, const float4 *M4, const float4 *v4,
                               float *out) {
    long long t = (long long)blockIdx.x * blockDim.x + threadIdx.x;
    if (t >= rows) return;
    float4 row = M4[t];      // row t % 4 of matrix t / 4
    float4 x = v4[t >> 2];
    out[t] = row.x * x.x + row.y * x.y + row.z * x.z + row.w * x.w;
}

void batched_matvec4x4_f32_device(int count, const float *M, const float *v, float *out) {
    if (count <= 0) return;
    int block = 256;
    if ((((uintptr_t)M | (uintptr_t)v) & 15) == 0) {
        long long rows = 4LL * count;
        mv4_row_kernel<<<(unsigned)((rows + block - 1) / block), block>>>(
            rows, (const float4 *)M, (const float4 *)v, out);
    } else {
        mv4_kernel<<<(count + block - 1) / block, block>>>(count, M, v, out);
    }
}
