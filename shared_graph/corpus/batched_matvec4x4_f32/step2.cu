#include <stdint.h>

// Still one thread per matrix, but with 16-byte accesses: a matrix is 4 float4 rows, a
// vector and a result are one float4 each (matrix b starts 64 bytes after matrix b-1). The
// launcher checks that the three arrays are 16-byte aligned and otherwise falls back to the
// scalar kernel.
__global__ void mv4_kernel(int count, const float *M, const float *v, float *out) {
    int b = blockIdx.x * blockDim.x + threadIdx.x;
    if (b >= count) return;
    for (int r = 0; r < 4; r++) {
        float s = 0.0f;
        for (int c = 0; c < 4; c++) s += M[(size_t)b * 16 + r * 4 + c] * v[(size_t)b * 4 + c];
        out[(size_t)b * 4 + r] = s;
    }
}

__global__ void mv4_vec4_kernel(int count, const float4 *M4, const float4 *v4, float4 *out4) {
    int b = blockIdx.x * blockDim.x + threadIdx.x;
    if (b >= count) return;
    float4 x = v4[b];
    float4 r0 = M4[(size_t)b * 4 + 0], r1 = M4[(size_t)b * 4 + 1];
    float4 r2 = M4[(size_t)b * 4 + 2], r3 = M4[(size_t)b * 4 + 3];
    float4 y;
    y.x = r0.x * x.x + r0.y * x.y + r0.z * x.z + r0.w * x.w;
    y.y = r1.x * x.x + r1.y * x.y + r1.z * x.z + r1.w * x.w;
    y.z = r2.x * x.x + r2.y * x.y + r2.z * x.z + r2.w * x.w;
    y.w = r3.x * x.x + r3.y * x.y + r3.z * x.z + r3.w * x.w;
    out4[b] = y;
}

void batched_matvec4x4_f32_device(int count, const float *M, const float *v, float *out) {
    if (count <= 0) return;
    int block = 256;
    int grid = (count + block - 1) / block;
    if ((((uintptr_t)M | (uintptr_t)v | (uintptr_t)out) & 15) == 0)
        mv4_vec4_kernel<<<grid, block>>>(count, (const float4 *)M, (const float4 *)v,
                                         (float4 *)out);
    else
        mv4_kernel<<<grid, block>>>(count, M, v, out);
}
