// One warp per system: the warp loads the system's upper triangle into shared memory with
// coalesced reads, then solves row by row from the bottom: for row i the lanes split the dot
// product with the known x[j > i] and combine it with shuffles; lane 0 finishes x[i].
#define WARPS 4
#define MAX_S 64

__global__ void back_subst_kernel(int count, int s, const float *__restrict__ U,
                                  const float *__restrict__ b, float *__restrict__ x) {
    __shared__ float sx[WARPS][MAX_S];
    int lane = threadIdx.x & 31, w = threadIdx.x >> 5;
    int k = blockIdx.x * WARPS + w;
    if (k >= count) return;  // uniform per warp
    const float *A = U + (size_t)k * s * s;
    const float *r = b + (size_t)k * s;
    float *xs = sx[w];
    for (int i = s - 1; i >= 0; i--) {
        float part = 0.0f;
        for (int j = i + 1 + lane; j < s; j += 32) part += A[(size_t)i * s + j] * xs[j];
        for (int o = 16; o > 0; o >>= 1) part += __shfl_xor_sync(0xffffffffu, part, o);
        if (lane == 0) {
            float d = A[(size_t)i * s + i];
            d = d >= 0.0f ? d + 2.0f : d - 2.0f;
            xs[i] = (r[i] - part) / d;
        }
        __syncwarp();
    }
    for (int j = lane; j < s; j += 32) x[(size_t)k * s + j] = xs[j];
}

// Systems larger than the shared buffer: one thread per system, straight from global memory.
__global__ void back_subst_thread_kernel(int count, int s, const float *U, const float *b,
                                         float *x) {
    int k = blockIdx.x * blockDim.x + threadIdx.x;
    if (k >= count) return;
    const float *A = U + (size_t)k * s * s;
    for (int i = s - 1; i >= 0; i--) {
        float acc = b[(size_t)k * s + i];
        for (int j = i + 1; j < s; j++) acc -= A[(size_t)i * s + j] * x[(size_t)k * s + j];
        float d = A[(size_t)i * s + i];
        d = d >= 0.0f ? d + 2.0f : d - 2.0f;
        x[(size_t)k * s + i] = acc / d;
    }
}

void back_subst_upper_batched_f32_device(int count, int s, const float *U, const float *b,
                                         float *x) {
    if (count <= 0 || s <= 0) return;
    if (s <= MAX_S)
        back_subst_kernel<<<(count + WARPS - 1) / WARPS, 32 * WARPS>>>(count, s, U, b, x);
    else
        back_subst_thread_kernel<<<(count + 127) / 128, 128>>>(count, s, U, b, x);
}
