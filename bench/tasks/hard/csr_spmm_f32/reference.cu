// CSR sparse matrix times a dense matrix of k = 32 columns.
// Expert steps, in the order they were added:
//  1. thread mapping: one warp per row of A (a thread per row would serialise its nonzeros
//     and read B rows uncoalesced).
//  2. memory coalescing: the lanes cover the 32 columns of a B row, so each nonzero reads one
//     contiguous 128-byte row of B, and a row of C is stored contiguously.
//  3. shared memory caching: the warp loads up to 32 (col, val) pairs of its row with one
//     coalesced read each and stages them in shared memory, from where they are broadcast.
//  4. vectorized memory access: 8 lanes read a whole B row as float4 (and store C as float4),
//     so the warp works on 4 nonzeros at once (lane group g = lane / 8 takes nonzeros g, g+4..).
//  5. read-only cache: the gathered B rows are loaded with __ldg.
//  6. warp shuffle reduction: the 4 groups' partial rows are added with two xor shuffles
//     (offsets 8 and 16) before group 0 stores the row.
//  7. loop unrolling: the loop over a chunk's nonzeros is unrolled by 4, so several B loads
//     are in flight per lane.
// Other k, or arrays that are not 16-byte aligned, take a plain warp-per-row kernel.
#define SP_WARPS 8  // rows (warps) per 256-thread block

__global__ void __launch_bounds__(SP_WARPS * 32)
spmm_k32_kernel(int nrows, const int *__restrict__ row_ptr, const int *__restrict__ col,
                const float *__restrict__ val, const float *__restrict__ B,
                float *__restrict__ C) {
    __shared__ int s_col[SP_WARPS][32];
    __shared__ float s_val[SP_WARPS][32];
    const int lane = threadIdx.x & 31, w = threadIdx.x >> 5;
    const long long row = (long long)blockIdx.x * SP_WARPS + w;
    if (row >= nrows) return;  // uniform per warp; the kernel has no block barrier
    const int g = lane >> 3;   // which nonzero of a group of 4
    const int q = lane & 7;    // columns 4q .. 4q + 3
    const int start = row_ptr[row], end = row_ptr[row + 1];
    float4 acc = make_float4(0.0f, 0.0f, 0.0f, 0.0f);
    for (int base = start; base < end; base += 32) {
        const int cnt = min(32, end - base);
        if (lane < cnt) {
            s_col[w][lane] = col[base + lane];
            s_val[w][lane] = val[base + lane];
        }
        __syncwarp();
#pragma unroll 4
        for (int e = g; e < cnt; e += 4) {
            const int c = s_col[w][e];
            const float a = s_val[w][e];
            const float4 b = __ldg(reinterpret_cast<const float4 *>(B + (size_t)c * 32) + q);
            acc.x = fmaf(a, b.x, acc.x);
            acc.y = fmaf(a, b.y, acc.y);
            acc.z = fmaf(a, b.z, acc.z);
            acc.w = fmaf(a, b.w, acc.w);
        }
        __syncwarp();  // all lanes are done with this chunk before the next one overwrites it
    }
#pragma unroll
    for (int o = 8; o <= 16; o <<= 1) {
        acc.x += __shfl_xor_sync(0xffffffffu, acc.x, o);
        acc.y += __shfl_xor_sync(0xffffffffu, acc.y, o);
        acc.z += __shfl_xor_sync(0xffffffffu, acc.z, o);
        acc.w += __shfl_xor_sync(0xffffffffu, acc.w, o);
    }
    if (g == 0) reinterpret_cast<float4 *>(C + (size_t)row * 32)[q] = acc;
}

// Any k: one warp per row, the lanes stride over the k columns.
__global__ void spmm_generic_kernel(int nrows, int k, const int *__restrict__ row_ptr,
                                    const int *__restrict__ col, const float *__restrict__ val,
                                    const float *__restrict__ B, float *__restrict__ C) {
    const int lane = threadIdx.x & 31;
    const long long row = ((long long)blockIdx.x * blockDim.x + threadIdx.x) >> 5;
    if (row >= nrows) return;
    const int start = row_ptr[row], end = row_ptr[row + 1];
    for (int j = lane; j < k; j += 32) {
        float s = 0.0f;
        for (int e = start; e < end; e++) s = fmaf(__ldg(val + e), __ldg(B + (size_t)__ldg(col + e) * k + j), s);
        C[(size_t)row * k + j] = s;
    }
}

void csr_spmm_f32_device(int nrows, int ncols, int k, const int *row_ptr, const int *col,
                         const float *val, const float *B, float *C) {
    (void)ncols;
    if (nrows <= 0 || k <= 0) return;
    const bool aligned = ((unsigned long long)(size_t)B % 16) == 0 &&
                         ((unsigned long long)(size_t)C % 16) == 0;
    if (k == 32 && aligned) {
        unsigned blocks = (unsigned)(((long long)nrows + SP_WARPS - 1) / SP_WARPS);
        spmm_k32_kernel<<<blocks, SP_WARPS * 32>>>(nrows, row_ptr, col, val, B, C);
    } else {
        unsigned blocks = (unsigned)(((long long)nrows * 32 + 255) / 256);
        spmm_generic_kernel<<<blocks, 256>>>(nrows, k, row_ptr, col, val, B, C);
    }
}
