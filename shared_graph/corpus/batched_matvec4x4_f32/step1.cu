// One thread per matrix: thread b computes the 4 outputs of M_b v_b.
__global__ void mv4_kernel(int count, const float *M, const float *v, float *out) {
    int b = blockIdx.x * blockDim.x + threadIdx.x;
    if (b >= count) return;
    for (int r = 0; r < 4; r++) {
        float s = 0.0f;
        for (int c = 0; c < 4; c++) s += M[(size_t)b * 16 + r * 4 + c] * v[(size_t)b * 4 + c];
        out[(size_t)b * 4 + r] = s;
    }
}

void batched_matvec4x4_f32_device(int count, const float *M, const float *v, float *out) {
    if (count <= 0) return;
    int block = 256;
    mv4_kernel<<<(count + block - 1) / block, block>>>(count, M, v, out);
}
