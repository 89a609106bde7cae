// Expert trajectory, as it shows up below:
// 1. 2D thread mapping: threadIdx.x runs along the columns j of an output tile, threadIdx.y
//    along its rows; blockIdx.z picks a group of output channels.
// 2. memory coalescing: the input tile is loaded with consecutive threads on consecutive
//    columns, and every warp stores 32 consecutive pixels of one output plane.
// 3. shared memory tiling: for CI_C input channels at a time, the block stages its
//    (16 + 2) x (32 + 2) input tile with the one-pixel halo in shared memory (zeros outside the
//    image = the padding), so each input value is read from global memory once per block instead
//    of once per tap and output channel.
// 4. read-only cache: x, wt and bias are const __restrict__ and loaded with __ldg; the weights of
//    the block's channel group are re-read by every block of the group and stay cached.
// 5. register tiling: each thread keeps 2 rows x 8 output channels = 16 accumulators in
//    registers; one 4 x 3 input window (12 shared loads) feeds 144 multiply-adds.
// 6. loop unrolling: the channel-chunk, 3 x 3 tap, row and output-channel loops are all
//    unrolled (#pragma unroll), so the window and the weights index registers directly.
// 7. vectorized memory access: the 8 weights of one (input channel, tap) are stored contiguously
//    in shared memory and read as two float4 broadcasts.
// The summation order per output (bias, then ci, di, dj) is the sequential one.
#define TX 32            // output columns per block (threadIdx.x)
#define TYT 8            // threadIdx.y
#define RY 2             // output rows per thread
#define TH (TYT * RY)    // output rows per block
#define CO_T 8           // output channels per thread (and per block)
#define CI_C 4           // input channels staged per round
#define IN_H (TH + 2)
#define IN_W (TX + 2)
#define NTHREADS (TX * TYT)

__global__ void __launch_bounds__(NTHREADS, 2)
conv3x3_layer_kernel(int cin, int cout, int h, int w, const float *__restrict__ x,
                     const float *__restrict__ wt, const float *__restrict__ bias,
                     float *__restrict__ y) {
    __shared__ float s_in[CI_C][IN_H][IN_W];
    __shared__ float4 s_w[CI_C][9][CO_T / 4];  // weights of (ci, tap) for the 8 channels
    const int tx = threadIdx.x, ty = threadIdx.y, tid = ty * TX + tx;
    const int j = blockIdx.x * TX + tx;
    const int i0 = blockIdx.y * TH + ty * RY;
    const int co0 = blockIdx.z * CO_T;
    const int gi0 = blockIdx.y * TH - 1, gj0 = blockIdx.x * TX - 1;  // s_in[.][0][0]

    float acc[RY][CO_T];
#pragma unroll
    for (int o = 0; o < CO_T; o++) {
        float b = (co0 + o < cout) ? __ldg(bias + co0 + o) : 0.0f;
#pragma unroll
        for (int r = 0; r < RY; r++) acc[r][o] = b;
    }

    for (int cb = 0; cb < cin; cb += CI_C) {
        __syncthreads();  // the previous round's reads are finished
        for (int e = tid; e < CI_C * IN_H * IN_W; e += NTHREADS) {
            int c = e / (IN_H * IN_W), rem = e - c * (IN_H * IN_W);
            int r = rem / IN_W, q = rem - r * IN_W;
            int ci = cb + c, gi = gi0 + r, gj = gj0 + q;
            float v = 0.0f;
            if (ci < cin && gi >= 0 && gi < h && gj >= 0 && gj < w)
                v = __ldg(x + ((size_t)ci * h + gi) * w + gj);
            s_in[c][r][q] = v;
        }
        float *sw = reinterpret_cast<float *>(&s_w[0][0][0]);
        for (int e = tid; e < CI_C * 9 * CO_T; e += NTHREADS) {
            int c = e / (9 * CO_T), rem = e - c * (9 * CO_T);
            int t = rem / CO_T, o = rem - t * CO_T;
            int ci = cb + c, co = co0 + o;
            sw[e] = (ci < cin && co < cout) ? __ldg(wt + ((size_t)co * cin + ci) * 9 + t) : 0.0f;
        }
        __syncthreads();
#pragma unroll
        for (int c = 0; c < CI_C; c++) {
            float win[RY + 2][3];
#pragma unroll
            for (int rr = 0; rr < RY + 2; rr++)
#pragma unroll
                for (int dx = 0; dx < 3; dx++) win[rr][dx] = s_in[c][ty * RY + rr][tx + dx];
#pragma unroll
            for (int t = 0; t < 9; t++) {
                float4 wa = s_w[c][t][0], wb = s_w[c][t][1];
                float wv[CO_T] = {wa.x, wa.y, wa.z, wa.w, wb.x, wb.y, wb.z, wb.w};
#pragma unroll
                for (int r = 0; r < RY; r++) {
                    float xv = win[r + t / 3][t % 3];
#pragma unroll
                    for (int o = 0; o < CO_T; o++) acc[r][o] += wv[o] * xv;
                }
            }
        }
    }

    if (j >= w) return;
#pragma unroll
    for (int r = 0; r < RY; r++) {
        int i = i0 + r;
        if (i >= h) continue;
#pragma unroll
        for (int o = 0; o < CO_T; o++)
            if (co0 + o < cout) y[((size_t)(co0 + o) * h + i) * w + j] = acc[r][o];
    }
}

void conv3x3_layer_chw_f32_device(int h, int w, int cin, int cout, const float *x,
                                  const float *wt, const float *bias, float *y) {
    if (cout <= 0 || h <= 0 || w <= 0) return;
    dim3 grid((w + TX - 1) / TX, (h + TH - 1) / TH, (cout + CO_T - 1) / CO_T);
    conv3x3_layer_kernel<<<grid, dim3(TX, TYT)>>>(cin, cout, h, w, x, wt, bias, y);
}
