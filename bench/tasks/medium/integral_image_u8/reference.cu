// Two passes: an inclusive scan of every row, then a running sum down every column (unsigned
// additions wrap modulo 2^32 in any order, so the result is exact).
// - thread mapping: pass 1 gives each row to one block of 256 threads, pass 2 each column to
//   one thread.
// - memory coalescing: pass 1 stages each 1024-pixel chunk of the row through shared memory,
//   so the global loads of img and stores of sat go along the row (consecutive threads,
//   consecutive pixels); in pass 2 consecutive threads walk consecutive columns.
// - thread coarsening: in pass 1 each thread scans 4 consecutive pixels of the chunk
//   sequentially in registers, and only the per-thread totals go through the parallel scan.
// - warp shuffle reduction: the thread totals are scanned within each warp with
//   __shfl_up_sync (Kogge-Stone), the 8 warp totals by the first warp the same way; a running
//   carry links the chunks of a row.
// - bank conflict avoidance: the staging buffer is padded by one word every 32, so the
//   stride-4 accesses of the coarsened threads fall in 32 different banks.
#define BLOCK 256
#define CHUNK (4 * BLOCK)
#define PAD(i) ((i) + ((i) >> 5))

__global__ void row_scan_kernel(int h, int w, const unsigned char *__restrict__ img,
                                unsigned int *__restrict__ sat) {
    __shared__ unsigned int stage[PAD(CHUNK)];
    __shared__ unsigned int warp_total[BLOCK / 32];
    int row = blockIdx.x;
    if (row >= h) return;  // uniform per block
    const unsigned char *in = img + (size_t)row * w;
    unsigned int *out = sat + (size_t)row * w;
    int tid = threadIdx.x, lane = tid & 31, warp = tid >> 5;
    unsigned int carry = 0;
    for (int c0 = 0; c0 < w; c0 += CHUNK) {
        for (int k = tid; k < CHUNK; k += BLOCK) {
            int j = c0 + k;
            stage[PAD(k)] = j < w ? (unsigned int)in[j] : 0u;
        }
        __syncthreads();
        unsigned int v[4], total = 0;
#pragma unroll
        for (int k = 0; k < 4; k++) {
            total += stage[PAD(4 * tid + k)];
            v[k] = total;
        }
        unsigned int incl = total;
#pragma unroll
        for (int o = 1; o < 32; o <<= 1) {
            unsigned int y = __shfl_up_sync(0xffffffffu, incl, o);
            if (lane >= o) incl += y;
        }
        if (lane == 31) warp_total[warp] = incl;
        __syncthreads();
        if (warp == 0) {
            unsigned int t = lane < BLOCK / 32 ? warp_total[lane] : 0u;
#pragma unroll
            for (int o = 1; o < 32; o <<= 1) {
                unsigned int y = __shfl_up_sync(0xffffffffu, t, o);
                if (lane >= o) t += y;
            }
            if (lane < BLOCK / 32) warp_total[lane] = t;
        }
        __syncthreads();
        unsigned int before = carry + (warp > 0 ? warp_total[warp - 1] : 0u) + (incl - total);
#pragma unroll
        for (int k = 0; k < 4; k++) stage[PAD(4 * tid + k)] = before + v[k];
        carry += warp_total[BLOCK / 32 - 1];
        __syncthreads();
        for (int k = tid; k < CHUNK; k += BLOCK) {
            int j = c0 + k;
            if (j < w) out[j] = stage[PAD(k)];
        }
        __syncthreads();  // stage and warp_total are rewritten by the next chunk
    }
}

__global__ void column_sum_kernel(int h, int w, unsigned int *__restrict__ sat) {
    int j = blockIdx.x * blockDim.x + threadIdx.x;
    if (j >= w) return;
    unsigned int run = sat[j];
    for (int i = 1; i < h; i++) {
        unsigned int *p = sat + (size_t)i * w + j;
        run += *p;
        *p = run;
    }
}

void integral_image_u8_device(int h, int w, const unsigned char *img, unsigned int *sat) {
    if (h <= 0 || w <= 0) return;
    row_scan_kernel<<<h, BLOCK>>>(h, w, img, sat);
    column_sum_kernel<<<(w + 127) / 128, 128>>>(h, w, sat);
}
