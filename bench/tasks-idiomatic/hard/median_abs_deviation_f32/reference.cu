// Both medians by radix select: a float's bits made order-preserving as an unsigned key, the
// k-th smallest key found one byte at a time from the top (4 passes): count the digits of the
// keys that match the prefix found so far, pick the digit whose cumulative count covers k.
// The k-th smallest key is the k-th smallest value, i.e. what std::nth_element puts at k; the
// lower middle value of an even count (std::max_element of the lower half) is the (k-1)-th.
// Everything stays on the device: no host round trip between passes.
// Expert steps, in the order they were added:
//  1. grid-stride loop: a fixed grid (a few blocks per SM) strides over x in every counting
//     pass.
//  2. privatization: a block counts digits in shared-memory histograms (shared atomics) ...
//  3. atomic accumulation: ... and adds its nonzero bins to the global 256-bin histograms
//     with one atomicAdd each.
//  4. warp shuffle scan: a one-block kernel scans the 256 bins (__shfl_up_sync in each warp,
//     warp totals in shared memory), the bin where the exclusive count <= k < the inclusive
//     count extends the prefix and lowers k, and it zeroes the bins for the next pass.
//  5. kernel fusion: the deviations |x - median| are formed inside the counting passes of the
//     second median (no deviation array is written or read), and for an even count both middle
//     order statistics are selected in the same passes (two histograms per pass).
//  6. vectorized memory access: the counting passes read x as float4 (device buffers are
//     16-byte aligned, which the launcher checks), the last n % 4 values one by one.
#include <cuda_runtime.h>
#include <cstddef>

#define MAD_BLOCK 256

struct SelState {
    unsigned prefix, mask, k, pad;
};

struct MadWork {
    unsigned hist[2][256];
    SelState sel[2];
    float med;
    float result;
};

__device__ __forceinline__ unsigned order_key(float f) {
    const unsigned u = __float_as_uint(f == 0.0f ? 0.0f : f);
    return (u & 0x80000000u) ? ~u : (u | 0x80000000u);
}

__device__ __forceinline__ float key_value(unsigned key) {
    return __uint_as_float((key & 0x80000000u) ? (key & 0x7fffffffu) : ~key);
}

__global__ void mad_init_kernel(MadWork *w, int nsel, unsigned k0, unsigned k1) {
    if (threadIdx.x == 0) {
        w->sel[0] = {0u, 0u, k0, 0u};
        w->sel[1] = {0u, 0u, k1, 0u};
    }
}

// mode 0: keys of x; mode 1: keys of |x - med|.
__device__ __forceinline__ void count_value(float v, int mode, float med, int nsel, int shift,
                                            const SelState *sel, unsigned (*s_hist)[256]) {
    const unsigned key = order_key(mode ? fabsf(v - med) : v);
    for (int s = 0; s < nsel; ++s)
        if ((key & sel[s].mask) == sel[s].prefix) atomicAdd(&s_hist[s][(key >> shift) & 255u], 1u);
}

__global__ void mad_count_kernel(size_t n, const float *__restrict__ x, int vec4, int mode,
                                 int nsel, int shift, MadWork *w) {
    __shared__ unsigned s_hist[2][256];
    __shared__ SelState sel[2];
    __shared__ float s_med;
    for (int b = threadIdx.x; b < 512; b += MAD_BLOCK) s_hist[b >> 8][b & 255] = 0u;
    if (threadIdx.x < 2) sel[threadIdx.x] = w->sel[threadIdx.x];
    if (threadIdx.x == 0) s_med = w->med;
    __syncthreads();
    const float med = s_med;
    const size_t stride = (size_t)gridDim.x * MAD_BLOCK;
    const size_t first = (size_t)blockIdx.x * MAD_BLOCK + threadIdx.x;
    size_t tail_start = 0;
    if (vec4) {
        const size_t n4 = n / 4;
        const float4 *x4 = reinterpret_cast<const float4 *>(x);
        for (size_t q = first; q < n4; q += stride) {
            const float4 v = x4[q];
            count_value(v.x, mode, med, nsel, shift, sel, s_hist);
            count_value(v.y, mode, med, nsel, shift, sel, s_hist);
            count_value(v.z, mode, med, nsel, shift, sel, s_hist);
            count_value(v.w, mode, med, nsel, shift, sel, s_hist);
        }
        tail_start = 4 * n4;
    }
    for (size_t i = tail_start + first; i < n; i += stride)
        count_value(x[i], mode, med, nsel, shift, sel, s_hist);
    __syncthreads();
    for (int b = threadIdx.x; b < 256 * nsel; b += MAD_BLOCK) {
        const unsigned c = s_hist[b >> 8][b & 255];
        if (c) atomicAdd(&w->hist[b >> 8][b & 255], c);
    }
}

// <<<1, 256>>>: thread d owns digit d.
__global__ void mad_select_kernel(int nsel, int shift, int last, int mode, MadWork *w) {
    __shared__ unsigned warp_tot[8];
    const int d = threadIdx.x, lane = d & 31, warp = d >> 5;
    for (int s = 0; s < nsel; ++s) {
        const unsigned c = w->hist[s][d];
        w->hist[s][d] = 0u;  // ready for the next pass
        unsigned incl = c;
        for (int o = 1; o < 32; o <<= 1) {
            const unsigned u = __shfl_up_sync(0xffffffffu, incl, o);
            if (lane >= o) incl += u;
        }
        if (lane == 31) warp_tot[warp] = incl;
        __syncthreads();
        for (int q = 0; q < warp; ++q) incl += warp_tot[q];
        const unsigned excl = incl - c;
        const unsigned k = w->sel[s].k;
        __syncthreads();  // every thread has read sel[s].k and warp_tot
        if (excl <= k && k < incl) {
            SelState st = w->sel[s];
            st.k = k - excl;
            st.prefix |= (unsigned)d << shift;
            st.mask |= 255u << shift;
            w->sel[s] = st;
        }
        __syncthreads();
    }
    if (last && d == 0) {
        const float hi = key_value(w->sel[nsel - 1].prefix);
        const float m = nsel == 2 ? 0.5f * (key_value(w->sel[0].prefix) + hi) : hi;
        if (mode == 0) w->med = m;
        else w->result = 1.4826f * m;
    }
}

float median_abs_deviation_f32_device(const float *x, size_t x_size) {
    const size_t n = x_size;
    if (n == 0) return 0.0f;
    int sms = 0;
    cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, 0);
    size_t need = (n + 4 * MAD_BLOCK - 1) / (4 * MAD_BLOCK);
    unsigned blocks = (unsigned)(need < (size_t)4 * sms ? need : (size_t)4 * sms);
    if (blocks < 1) blocks = 1;
    const int vec4 = ((size_t)x % 16) == 0;
    const unsigned mid = (unsigned)(n / 2);
    const int nsel = (n % 2 == 0) ? 2 : 1;
    const unsigned k0 = nsel == 2 ? mid - 1 : mid;  // sel[nsel - 1] is the upper middle
    MadWork *w = nullptr;
    cudaMalloc(&w, sizeof(MadWork));
    cudaMemset(w, 0, sizeof(MadWork));
    for (int mode = 0; mode < 2; ++mode) {
        mad_init_kernel<<<1, 32>>>(w, nsel, k0, mid);
        for (int pass = 0; pass < 4; ++pass) {
            const int shift = 24 - 8 * pass;
            mad_count_kernel<<<blocks, MAD_BLOCK>>>(n, x, vec4, mode, nsel, shift, w);
            mad_select_kernel<<<1, 256>>>(nsel, shift, pass == 3, mode, w);
        }
    }
    float result = 0.0f;
    cudaMemcpy(&result, &w->result, sizeof(float), cudaMemcpyDeviceToHost);
    cudaFree(w);
    return result;
}
