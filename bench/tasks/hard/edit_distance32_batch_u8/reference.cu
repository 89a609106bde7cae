// One thread per string pair, 128 pairs per block.
// - thread mapping: thread p computes dist[p] with the same DP as the sequential code.
// - shared memory tiling: the block's 128 pairs of strings (2 x 4 KiB) are staged in shared
//   memory and each thread then reads its own strings from there, a 32-bit word (4 symbols)
//   at a time.
// - memory coalescing: the staging loads are consecutive 16-byte pieces of the block's
//   contiguous 4 KiB of a (and of b) taken by consecutive threads, instead of each thread
//   reading its own 32 bytes 4 KiB apart from its neighbours' strings.
// - vectorized memory access: those staging loads are uint4 (16 bytes; the strings start
//   16-byte aligned, which is checked, else bytes are loaded one by one).
// - bank conflict avoidance: a string takes 9 words in shared memory (8 + 1 of padding), so the
//   32 threads of a warp reading word m of their strings hit 32 different banks (with 8 words
//   they would hit 4 banks 8 times over).
// - register tiling: the 33-entry DP row and the 32 symbols of b live in registers for the
//   whole computation; a thread produces its 1024 cells from them with no memory traffic.
// - loop unrolling: the loop over the row (j) and over the 4 symbols of a word are fully
//   unrolled, which is what lets the row stay in registers (constant indices).
#define PAIRS 128
#define LEN 32
#define WORDS (LEN / 4)
#define STRIDE (WORDS + 1)

__global__ void __launch_bounds__(PAIRS)
edit_distance_kernel(int npairs, const unsigned char *__restrict__ a,
                     const unsigned char *__restrict__ b, int *__restrict__ dist) {
    __shared__ unsigned int sa[PAIRS * STRIDE];
    __shared__ unsigned int sb[PAIRS * STRIDE];
    const int p0 = blockIdx.x * PAIRS;
    const int count = min(PAIRS, npairs - p0);
    const size_t base = (size_t)p0 * LEN;
    const bool aligned = (((unsigned long long)a | (unsigned long long)b) & 15) == 0;
    if (aligned) {
        const uint4 *a4 = reinterpret_cast<const uint4 *>(a + base);
        const uint4 *b4 = reinterpret_cast<const uint4 *>(b + base);
        for (int u = threadIdx.x; u < count * 2; u += PAIRS) {  // 2 x 16 bytes per string
            uint4 va = a4[u], vb = b4[u];
            int s = (u >> 1) * STRIDE + (u & 1) * 4;
            sa[s] = va.x; sa[s + 1] = va.y; sa[s + 2] = va.z; sa[s + 3] = va.w;
            sb[s] = vb.x; sb[s + 1] = vb.y; sb[s + 2] = vb.z; sb[s + 3] = vb.w;
        }
    } else {
        for (int u = threadIdx.x; u < count * WORDS; u += PAIRS) {  // 4 bytes at a time
            const unsigned char *pa = a + base + 4 * (size_t)u, *pb = b + base + 4 * (size_t)u;
            int s = (u / WORDS) * STRIDE + u % WORDS;
            sa[s] = pa[0] | (pa[1] << 8) | (pa[2] << 16) | ((unsigned int)pa[3] << 24);
            sb[s] = pb[0] | (pb[1] << 8) | (pb[2] << 16) | ((unsigned int)pb[3] << 24);
        }
    }
    __syncthreads();
    const int q = threadIdx.x;
    if (q >= count) return;  // after the block's only __syncthreads
    unsigned int bw[WORDS];
#pragma unroll
    for (int m = 0; m < WORDS; m++) bw[m] = sb[q * STRIDE + m];
    int row[LEN + 1];
#pragma unroll
    for (int j = 0; j <= LEN; j++) row[j] = j;
    for (int m = 0; m < WORDS; m++) {
        const unsigned int aw = sa[q * STRIDE + m];
#pragma unroll
        for (int c = 0; c < 4; c++) {
            const unsigned int ac = (aw >> (8 * c)) & 0xffu;
            int diag = row[0];
            row[0] = 4 * m + c + 1;
#pragma unroll
            for (int j = 1; j <= LEN; j++) {
                const unsigned int bc = (bw[(j - 1) >> 2] >> (8 * ((j - 1) & 3))) & 0xffu;
                const int up = row[j];
                const int best = min(diag + (ac != bc ? 1 : 0), min(up, row[j - 1]) + 1);
                row[j] = best;
                diag = up;
            }
        }
    }
    dist[p0 + q] = row[LEN];
}

void edit_distance32_batch_u8_device(int npairs, const unsigned char *a, const unsigned char *b,
                                     int *dist) {
    if (npairs <= 0) return;
    edit_distance_kernel<<<(npairs + PAIRS - 1) / PAIRS, PAIRS>>>(npairs, a, b, dist);
}
