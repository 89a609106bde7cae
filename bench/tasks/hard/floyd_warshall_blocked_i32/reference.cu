// Blocked Floyd-Warshall (32 x 32 tiles); the k-blocks stay sequential on the host, two launches
// each. Expert steps, in order:
// - 2D thread mapping: 32 x 8 threads per tile, the column on x (coalesced rows), rows on y.
// - shared memory tiling: the classic three-phase blocked algorithm: the pivot tile, the tiles
//   of the pivot row and column, and then all other tiles, each from shared-memory copies of
//   the tiles it depends on, so d is read and written once per k-block instead of once per k.
// - register tiling: in the bulk phase each thread keeps 4 distances (rows ty + 8r) in
//   registers and reuses each loaded row value Row[kk][tx] for all 4.
// - loop unrolling: the 32-step kk loop of the bulk phase is fully unrolled (padding is INF, so
//   the loop needs no bound).
// - warp divergence removal: the bulk update is a branch-free min, and tiles that a phase skips
//   leave as whole blocks.
// - kernel fusion: the pivot phase is fused away: every pivot-row/column block closes its own
//   copy of the pivot tile in shared memory (a few microseconds of redundant work), and the
//   bulk launch's diagonal block closes and stores it, so each k-block needs two launches
//   instead of three.
// Within a k-step no thread writes what another reads in that step: with non-negative weights
// d[kk][kk] >= 0, so row kk and column kk of a tile never improve during step kk.
#define TB 32
#define TY 8
#define INF 0x3fffffff  // INF + INF still fits in an int

__device__ __forceinline__ void load_tile(int n, const int *__restrict__ d, int bi, int bj,
                                          int (*T)[TB]) {
    const int gj = bj * TB + threadIdx.x;
#pragma unroll
    for (int r = 0; r < TB / TY; r++) {
        const int i = threadIdx.y + TY * r, gi = bi * TB + i;
        T[i][threadIdx.x] = (gi < n && gj < n) ? d[(size_t)gi * n + gj] : INF;
    }
}

__device__ __forceinline__ void store_tile(int n, int *__restrict__ d, int bi, int bj,
                                           int (*T)[TB]) {
    const int gj = bj * TB + threadIdx.x;
#pragma unroll
    for (int r = 0; r < TB / TY; r++) {
        const int i = threadIdx.y + TY * r, gi = bi * TB + i;
        if (gi < n && gj < n) d[(size_t)gi * n + gj] = T[i][threadIdx.x];
    }
}

// Floyd-Warshall restricted to the pivot tile, in shared memory (kmax real vertices).
__device__ __forceinline__ void close_pivot(int (*P)[TB], int kmax) {
    const int tx = threadIdx.x;
    __syncthreads();
    for (int kk = 0; kk < kmax; kk++) {
#pragma unroll
        for (int r = 0; r < TB / TY; r++) {
            const int i = threadIdx.y + TY * r;
            const int v = P[i][kk] + P[kk][tx];
            if (v < P[i][tx]) P[i][tx] = v;
        }
        __syncthreads();
    }
}

// Pivot row (blockIdx.y == 0) and pivot column (blockIdx.y == 1) tiles of k-block kb.
__global__ void __launch_bounds__(TB * TY) fw_panels_kernel(int n, int kb, int *__restrict__ d) {
    const int t = blockIdx.x;
    if (t == kb) return;  // whole block
    __shared__ int P[TB][TB];
    __shared__ int T[TB][TB];
    const bool row_panel = blockIdx.y == 0;
    const int bi = row_panel ? kb : t, bj = row_panel ? t : kb;
    load_tile(n, d, kb, kb, P);
    load_tile(n, d, bi, bj, T);
    const int kmax = min(TB, n - kb * TB);
    close_pivot(P, kmax);  // starts and ends with __syncthreads
    const int tx = threadIdx.x;
    for (int kk = 0; kk < kmax; kk++) {
#pragma unroll
        for (int r = 0; r < TB / TY; r++) {
            const int i = threadIdx.y + TY * r;
            const int v = row_panel ? P[i][kk] + T[kk][tx] : T[i][kk] + P[kk][tx];
            if (v < T[i][tx]) T[i][tx] = v;
        }
        __syncthreads();
    }
    store_tile(n, d, bi, bj, T);
}

// All other tiles; the diagonal block closes and stores the pivot tile.
__global__ void __launch_bounds__(TB * TY) fw_bulk_kernel(int n, int kb, int *__restrict__ d) {
    const int bi = blockIdx.y, bj = blockIdx.x;
    __shared__ int Cs[TB][TB];  // tile (bi, kb): distances into the pivot block
    __shared__ int Rs[TB][TB];  // tile (kb, bj): distances out of the pivot block
    if (bi == kb && bj == kb) {
        load_tile(n, d, kb, kb, Cs);
        close_pivot(Cs, min(TB, n - kb * TB));
        store_tile(n, d, kb, kb, Cs);
        return;
    }
    if (bi == kb || bj == kb) return;  // panels are final already
    load_tile(n, d, bi, kb, Cs);
    load_tile(n, d, kb, bj, Rs);
    const int tx = threadIdx.x, gj = bj * TB + tx;
    int cur[TB / TY];
#pragma unroll
    for (int r = 0; r < TB / TY; r++) {
        const int gi = bi * TB + threadIdx.y + TY * r;
        cur[r] = (gi < n && gj < n) ? d[(size_t)gi * n + gj] : INF;
    }
    __syncthreads();
#pragma unroll
    for (int kk = 0; kk < TB; kk++) {
        const int rv = Rs[kk][tx];
#pragma unroll
        for (int r = 0; r < TB / TY; r++) cur[r] = min(cur[r], Cs[threadIdx.y + TY * r][kk] + rv);
    }
#pragma unroll
    for (int r = 0; r < TB / TY; r++) {
        const int gi = bi * TB + threadIdx.y + TY * r;
        if (gi < n && gj < n) d[(size_t)gi * n + gj] = cur[r];
    }
}

void floyd_warshall_blocked_i32_device(int n, int *d) {
    if (n <= 0) return;
    const int nt = (n + TB - 1) / TB;
    const dim3 block(TB, TY);
    for (int kb = 0; kb < nt; kb++) {
        if (nt > 1) fw_panels_kernel<<<dim3(nt, 2), block>>>(n, kb, d);
        fw_bulk_kernel<<<dim3(nt, nt), block>>>(n, kb, d);
    }
}
