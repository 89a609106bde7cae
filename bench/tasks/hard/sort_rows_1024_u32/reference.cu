// Every row of 1024 keys is sorted by its own block with a bitonic network.
// Expert steps, in the order they were added:
//  1. thread mapping: one block per row; its threads apply each compare-exchange step of the
//     bitonic network to disjoint pairs (a sorting network: data-independent, no recursion).
//  2. shared memory tiling: the row lives on chip for the whole sort; steps whose partners are
//     far apart (distance >= 128) are done in shared memory between barriers.
//  3. thread coarsening: 256 threads, each owning 4 consecutive keys in registers, so steps
//     at distance 1 and 2 are compare-exchanges inside a thread's own registers.
//  4. warp shuffle exchange: steps at distance 4..64 pair keys of lanes of the same warp (a
//     warp holds 128 consecutive keys), exchanged with __shfl_xor_sync: no shared memory and
//     no block barrier for 45 of the 55 steps.
//  5. bank conflict avoidance: the shared copy is padded by one word per 32 keys, so the
//     register <-> shared transfers (lane l touches keys 4l .. 4l + 3) hit 32 distinct banks.
//  6. vectorized memory access: a thread loads and stores its 4 keys as one uint4.
//  7. loop unrolling: the per-register loops are unrolled (the keys stay in registers).
// Rows of another length take a general shared-memory bitonic kernel (padded to a power of
// two with UINT_MAX, up to 4096 keys) or, beyond that, one thread per row.
#define SR_N 1024
#define SR_THREADS 256
#define SR_PAD(i) ((i) + ((i) >> 5))
#define FULL_MASK 0xffffffffu

// Distance-J step (J = 1 or 2) on a thread's own 4 keys: elements 4t + s, partner s ^ J.
template <int J>
__device__ __forceinline__ void cmpx_regs(unsigned (&a)[4], int t, int k) {
#pragma unroll
    for (int s = 0; s < 4; s++) {
        if ((s & J) == 0) {
            const int i = 4 * t + s;
            const bool asc = (i & k) == 0;
            const unsigned x = a[s], y = a[s | J];
            const bool swap = asc ? (x > y) : (x < y);
            a[s] = swap ? y : x;
            a[s | J] = swap ? x : y;
        }
    }
}

__global__ void __launch_bounds__(SR_THREADS)
sort_rows_1024_kernel(const unsigned *__restrict__ in, unsigned *__restrict__ out, int vec) {
    __shared__ unsigned sm[SR_PAD(SR_N)];
    const int t = threadIdx.x;
    const size_t off = (size_t)blockIdx.x * SR_N;
    unsigned a[4];
    if (vec) {
        uint4 v = reinterpret_cast<const uint4 *>(in + off)[t];
        a[0] = v.x; a[1] = v.y; a[2] = v.z; a[3] = v.w;
    } else {
#pragma unroll
        for (int s = 0; s < 4; s++) a[s] = in[off + 4 * t + s];
    }
    for (int k = 2; k <= SR_N; k <<= 1) {
        int j = k >> 1;
        if (j >= 128) {  // far partners: through shared memory (j depends on k only: uniform)
#pragma unroll
            for (int s = 0; s < 4; s++) sm[SR_PAD(4 * t + s)] = a[s];
            __syncthreads();
            for (; j >= 128; j >>= 1) {
#pragma unroll
                for (int h = 0; h < 2; h++) {
                    const int p = t + h * SR_THREADS;                 // pair 0 .. 511
                    const int i = ((p & ~(j - 1)) << 1) | (p & (j - 1));  // lower element
                    const int l = i + j;
                    const bool asc = (i & k) == 0;
                    const unsigned x = sm[SR_PAD(i)], y = sm[SR_PAD(l)];
                    if (asc ? (x > y) : (x < y)) {
                        sm[SR_PAD(i)] = y;
                        sm[SR_PAD(l)] = x;
                    }
                }
                __syncthreads();
            }
            // Each thread reads back (and later writes) only its own 4 slots: no barrier
            // is needed before the next round's stores.
#pragma unroll
            for (int s = 0; s < 4; s++) a[s] = sm[SR_PAD(4 * t + s)];
        }
        for (; j >= 4; j >>= 1) {  // partner in lane t ^ (j / 4) of the same warp
            const int lm = j >> 2;
#pragma unroll
            for (int s = 0; s < 4; s++) {
                const unsigned x = a[s];
                const unsigned y = __shfl_xor_sync(FULL_MASK, x, lm);
                const int i = 4 * t + s;
                const bool lower = (i & j) == 0, asc = (i & k) == 0;
                a[s] = (lower == asc) ? min(x, y) : max(x, y);
            }
        }
        if (j == 2) cmpx_regs<2>(a, t, k);
        cmpx_regs<1>(a, t, k);
    }
    if (vec) {
        reinterpret_cast<uint4 *>(out + off)[t] = make_uint4(a[0], a[1], a[2], a[3]);
    } else {
#pragma unroll
        for (int s = 0; s < 4; s++) out[off + 4 * t + s] = a[s];
    }
}

// Any row length m <= 4096: bitonic sort in shared memory, padded to p = 2^ceil(log2 m)
// with UINT_MAX (padding sorts to the end; only the first m keys are stored).
#define SR_GEN_MAX 4096
#define SR_GEN_THREADS 512
__global__ void __launch_bounds__(SR_GEN_THREADS)
sort_rows_generic_kernel(int m, int p, const unsigned *__restrict__ in,
                         unsigned *__restrict__ out) {
    __shared__ unsigned sm[SR_GEN_MAX];
    const size_t off = (size_t)blockIdx.x * m;
    for (int i = threadIdx.x; i < p; i += SR_GEN_THREADS) sm[i] = i < m ? in[off + i] : 0xffffffffu;
    __syncthreads();
    for (int k = 2; k <= p; k <<= 1) {
        for (int j = k >> 1; j > 0; j >>= 1) {
            for (int q = threadIdx.x; q < p / 2; q += SR_GEN_THREADS) {
                const int i = ((q & ~(j - 1)) << 1) | (q & (j - 1));
                const int l = i + j;
                const bool asc = (i & k) == 0;
                const unsigned x = sm[i], y = sm[l];
                if (asc ? (x > y) : (x < y)) {
                    sm[i] = y;
                    sm[l] = x;
                }
            }
            __syncthreads();
        }
    }
    for (int i = threadIdx.x; i < m; i += SR_GEN_THREADS) out[off + i] = sm[i];
}

// Longer rows: one thread per row, heap sort in place in out (as the C code).
__global__ void sort_rows_heap_kernel(int rows, int m, const unsigned *__restrict__ in,
                                      unsigned *__restrict__ out) {
    const long long r = (long long)blockIdx.x * blockDim.x + threadIdx.x;
    if (r >= rows) return;
    unsigned *a = out + r * m;
    for (int j = 0; j < m; j++) a[j] = in[r * m + j];
    for (int pass = 0; pass < 2; pass++) {
        for (int s = (pass == 0 ? m / 2 - 1 : m - 1); s >= (pass == 0 ? 0 : 1); s--) {
            int root = pass == 0 ? s : 0, end = pass == 0 ? m : s;
            if (pass == 1) {
                unsigned tmp = a[0];
                a[0] = a[s];
                a[s] = tmp;
            }
            while (2 * root + 1 < end) {
                int child = 2 * root + 1;
                if (child + 1 < end && a[child] < a[child + 1]) child++;
                if (a[root] >= a[child]) break;
                unsigned tmp = a[root];
                a[root] = a[child];
                a[child] = tmp;
                root = child;
            }
        }
    }
}

void sort_rows_1024_u32_device(int rows, int m, const unsigned int *in, unsigned int *out) {
    if (rows <= 0 || m <= 0) return;
    if (m == SR_N) {
        const int vec = ((unsigned long long)(size_t)in % 16) == 0 &&
                        ((unsigned long long)(size_t)out % 16) == 0;
        sort_rows_1024_kernel<<<rows, SR_THREADS>>>(in, out, vec);
    } else if (m <= SR_GEN_MAX) {
        int p = 1;
        while (p < m) p <<= 1;
        sort_rows_generic_kernel<<<rows, SR_GEN_THREADS>>>(m, p, in, out);
    } else {
        sort_rows_heap_kernel<<<(rows + 127) / 128, 128>>>(rows, m, in, out);
    }
}
