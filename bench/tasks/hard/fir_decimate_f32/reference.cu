// Polyphase decimating FIR. With k = q * D + p, y[i] = sum_q sum_p h[qD + p] * x[(i + q) D + p]:
// phase p of the input, x_p[m] = x[m D + p], is filtered by the sub-filter h[qD + p] at unit
// stride. Kernel for D = 4 (taps <= 256); any other shape takes a plain one-thread-per-output
// kernel.
// Expert trajectory, as it shows up below:
// 1. thread mapping: each thread owns outputs (R = 8 of them, see 4), 1024 per block.
// 2. memory coalescing: the block's input span (1024 + Q - 1 samples of every phase) is loaded
//    by consecutive threads from consecutive addresses, and the taps once per block.
// 3. shared memory tiling: the input span and the taps are staged in shared memory, where each
//    input sample is reused by the Q = taps / D outputs that need it.
// 4. register tiling: a thread computes R = 8 consecutive outputs; for every phase it keeps a
//    window of 8 input samples in registers that slides by one sample per q, so each shared
//    load feeds 8 multiply-adds, and one tap (a broadcast read) feeds 8 more.
// 5. loop unrolling: the phase (D) and output (R) loops are unrolled so the windows and the
//    accumulators live in registers.
// 6. bank conflict avoidance: the tile is stored de-interleaved by phase (the polyphase split),
//    so neighbouring outputs read neighbouring words instead of words D apart, and padded with
//    one word every R words, so lanes reading 8 apart (stride 9 after padding) hit 32 banks.
// 7. vectorized memory access: the input span is loaded as float4 (one float4 = the 4 phases of
//    one m, 16-byte aligned as every block starts at a multiple of 4096 samples), the 8 outputs
//    are stored as two float4.
// Every output accumulates its taps in the order k = 0, 1, ..., taps - 1, like the C code.
#include <stdint.h>

#define NT 128
#define R 8
#define OUT_B (NT * R)                  // outputs per block
#define PD 4                            // decimation of the fast kernel
#define QMAX 64                         // taps <= PD * QMAX
#define MT_MAX (OUT_B + QMAX)           // tile samples per phase
#define PSTRIDE (MT_MAX + MT_MAX / R)   // padded phase row
#define XS(p, m) xs[(p) * PSTRIDE + (m) + ((m) >> 3)]

__global__ void __launch_bounds__(NT)
fir_poly4_kernel(int ny, int taps, const float *__restrict__ h, const float *__restrict__ x,
                 float *__restrict__ y) {
    __shared__ float xs[PD * PSTRIDE];
    __shared__ float hs[PD * QMAX];
    const int tid = threadIdx.x;
    const int Q = (taps + PD - 1) / PD;
    const long long ob = (long long)blockIdx.x * OUT_B;               // first output
    const long long xlimit = (long long)(ny - 1) * PD + taps;         // samples any output uses
    for (int k = tid; k < Q * PD; k += NT) hs[k] = k < taps ? __ldg(h + k) : 0.0f;
    const int MT = OUT_B + Q;
    for (int m = tid; m < MT; m += NT) {
        long long g = (ob + m) * PD;
        float4 v;
        if (g + 3 < xlimit) {
            v = __ldg(reinterpret_cast<const float4 *>(x + g));
        } else {
            v.x = g < xlimit ? __ldg(x + g) : 0.0f;
            v.y = g + 1 < xlimit ? __ldg(x + g + 1) : 0.0f;
            v.z = g + 2 < xlimit ? __ldg(x + g + 2) : 0.0f;
            v.w = 0.0f;
        }
        XS(0, m) = v.x;
        XS(1, m) = v.y;
        XS(2, m) = v.z;
        XS(3, m) = v.w;
    }
    __syncthreads();

    const int o0 = tid * R;
    float acc[R], win[PD][R];
#pragma unroll
    for (int r = 0; r < R; r++) acc[r] = 0.0f;
#pragma unroll
    for (int p = 0; p < PD; p++)
#pragma unroll
        for (int r = 0; r < R; r++) win[p][r] = XS(p, o0 + r);
    for (int q = 0; q < Q; q++) {
#pragma unroll
        for (int p = 0; p < PD; p++) {
            float hk = hs[q * PD + p];
#pragma unroll
            for (int r = 0; r < R; r++) acc[r] += hk * win[p][r];
#pragma unroll
            for (int r = 0; r < R - 1; r++) win[p][r] = win[p][r + 1];
            win[p][R - 1] = XS(p, o0 + q + R);
        }
    }

    const long long i0 = ob + o0;
    if (i0 + R <= ny) {
        float4 *y4 = reinterpret_cast<float4 *>(y + i0);
        y4[0] = make_float4(acc[0], acc[1], acc[2], acc[3]);
        y4[1] = make_float4(acc[4], acc[5], acc[6], acc[7]);
    } else {
#pragma unroll
        for (int r = 0; r < R; r++)
            if (i0 + r < ny) y[i0 + r] = acc[r];
    }
}

__global__ void fir_generic_kernel(int ny, int taps, int dec, const float *__restrict__ h,
                                   const float *__restrict__ x, float *__restrict__ y) {
    long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= ny) return;
    float acc = 0.0f;
    for (int k = 0; k < taps; k++) acc += __ldg(h + k) * __ldg(x + i * dec + k);
    y[i] = acc;
}

void fir_decimate_f32_device(int ny, int taps, int dec, const float *h, const float *x,
                             float *y) {
    if (ny <= 0) return;
    bool aligned = ((uintptr_t)x % 16 == 0) && ((uintptr_t)y % 16 == 0);  // float4 paths
    if (dec == PD && taps >= 1 && taps <= PD * QMAX && aligned)
        fir_poly4_kernel<<<(ny + OUT_B - 1) / OUT_B, NT>>>(ny, taps, h, x, y);
    else
        fir_generic_kernel<<<(ny + 255) / 256, 256>>>(ny, taps, dec, h, x, y);
}
