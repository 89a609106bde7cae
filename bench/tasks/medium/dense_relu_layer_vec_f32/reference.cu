// Fixed interface: (M + 7) / 8 blocks of 256 threads = 8 warps, one warp per output row.
// - thread mapping: warp w of the grid computes y[w] (warps past M return at once).
// - memory coalescing: the 32 lanes stride over the row together, so each load instruction
//   of the warp reads one contiguous piece of W.
// - warp shuffle reduction: the lanes' partial dot products are combined with
//   __shfl_down_sync; lane 0 adds the bias and applies the ReLU.
// - vectorized memory access: the row of W is read as float4 (four columns per load): a
//   scalar head of 0-3 columns up to the first 16-byte boundary (rows start anywhere when N is
//   not a multiple of 4), float4 loads for the body, a scalar tail.
// - read-only cache: W, x and b are const __restrict__ and read with __ldg (x is read by every
//   warp, so it stays in the read-only/L1 cache).
__global__ void dense_relu_kernel(const float *__restrict__ W, const float *__restrict__ x,
                                  const float *__restrict__ b, float *__restrict__ y,
                                  size_t M, size_t N) {
    size_t row = ((size_t)blockIdx.x * blockDim.x + threadIdx.x) >> 5;
    int lane = threadIdx.x & 31;
    if (row >= M) return;  // uniform per warp
    const float *wr = W + row * N;
    size_t mis = ((unsigned long long)wr >> 2) & 3;  // floats past the last 16-byte boundary
    size_t head = mis ? 4 - mis : 0;
    if (head > N) head = N;
    float s = 0.0f;
    if ((size_t)lane < head) s += __ldg(wr + lane) * __ldg(x + lane);
    const float4 *w4 = reinterpret_cast<const float4 *>(wr + head);
    size_t n4 = (N - head) >> 2;
    for (size_t k = lane; k < n4; k += 32) {
        float4 a = __ldg(w4 + k);
        const float *xv = x + head + 4 * k;
        s += a.x * __ldg(xv) + a.y * __ldg(xv + 1) + a.z * __ldg(xv + 2) + a.w * __ldg(xv + 3);
    }
    for (size_t j = head + 4 * n4 + lane; j < N; j += 32) s += __ldg(wr + j) * __ldg(x + j);
    for (int o = 16; o > 0; o >>= 1) s += __shfl_down_sync(0xffffffffu, s, o);
    if (lane == 0) {
        s += __ldg(b + row);
        y[row] = s > 0.0f ? s : 0.0f;
    }
}
