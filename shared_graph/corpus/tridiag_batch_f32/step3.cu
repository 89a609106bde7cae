// Shared-memory staging of the inputs. Each warp solves 32 systems, walking them in chunks of
// 32 elements. For a chunk, the warp first loads a 32 x 32 tile of each input row by row:
// lane l reads element e0 + l of system s0 + r, so every load instruction reads 128
// contiguous bytes (in steps 1-2 the 32 lanes read 32 addresses n floats apart). Then lane l
// runs the Thomas recurrence for system s0 + l over the chunk, reading tile row l (rows are
// padded to 33 words: no bank conflicts). The modified right-hand side goes through the same
// tile and is written back row by row, coalesced. The back substitution walks the chunks in
// reverse the same way. The scratch cp stays interleaved (cp[i * count + s]) as in step 2.
#define W 32      // systems per warp = elements per chunk
#define WARPS 2   // warps per block

__global__ void thomas_tiled_kernel(int count, int n, const float *a, const float *b,
                                    const float *c, const float *d, float *x, float *cp) {
    __shared__ float ta[WARPS][W][W + 1], tb[WARPS][W][W + 1];
    __shared__ float tc[WARPS][W][W + 1], td[WARPS][W][W + 1];
    int lane = threadIdx.x & 31, w = threadIdx.x >> 5;
    int s0 = (blockIdx.x * WARPS + w) * W;  // first system of this warp
    if (s0 >= count) return;                // uniform per warp; only __syncwarp is used
    int s = s0 + lane;                      // the system this lane solves
    bool mine = s < count;
    float(*A)[W + 1] = ta[w];
    float(*B)[W + 1] = tb[w];
    float(*C)[W + 1] = tc[w];
    float(*D)[W + 1] = td[w];

    // Forward sweep. With cprev = xprev = 0 the first step gives c/b and d/b exactly.
    float cprev = 0.0f, xprev = 0.0f;
    for (int e0 = 0; e0 < n; e0 += W) {
        int len = min(W, n - e0);
        for (int r = 0; r < W; r++) {  // coalesced loads; padding b = 1 keeps idle lanes finite
            bool ok = s0 + r < count && lane < len;
            size_t g = (size_t)(s0 + r) * n + e0 + lane;
            A[r][lane] = ok ? a[g] : 0.0f;
            B[r][lane] = ok ? b[g] : 1.0f;
            C[r][lane] = ok ? c[g] : 0.0f;
            D[r][lane] = ok ? d[g] : 0.0f;
        }
        __syncwarp();
        for (int i = 0; i < len; i++) {
            float ai = A[lane][i];
            float den = B[lane][i] - ai * cprev;
            cprev = C[lane][i] / den;
            xprev = (D[lane][i] - ai * xprev) / den;
            D[lane][i] = xprev;
            if (mine) cp[(size_t)(e0 + i) * count + s] = cprev;
        }
        __syncwarp();
        for (int r = 0; r < W; r++) {
            if (s0 + r < count && lane < len) x[(size_t)(s0 + r) * n + e0 + lane] = D[r][lane];
        }
        __syncwarp();
    }

    // Back substitution, chunks in reverse; x[n-1] is already final.
    float xnext = 0.0f;
    for (int e0 = ((n - 1) / W) * W; e0 >= 0; e0 -= W) {
        int len = min(W, n - e0);
        for (int r = 0; r < W; r++) {
            bool ok = s0 + r < count && lane < len;
            D[r][lane] = ok ? x[(size_t)(s0 + r) * n + e0 + lane] : 0.0f;
        }
        __syncwarp();
        for (int i = len - 1; i >= 0; i--) {
            int gi = e0 + i;
            if (gi == n - 1) {
                xnext = D[lane][i];
            } else {
                float cpi = mine ? cp[(size_t)gi * count + s] : 0.0f;
                xnext = D[lane][i] - cpi * xnext;
                D[lane][i] = xnext;
            }
        }
        __syncwarp();
        for (int r = 0; r < W; r++) {
            if (s0 + r < count && lane < len) x[(size_t)(s0 + r) * n + e0 + lane] = D[r][lane];
        }
        __syncwarp();
    }
}

void tridiag_batch_f32_device(int count, int n, const float *a, const float *b, const float *c,
                              const float *d, float *x) {
    if (count <= 0 || n <= 0) return;
    float *cp = nullptr;
    if (cudaMalloc(&cp, (size_t)count * n * sizeof(float)) != cudaSuccess) return;
    int per_block = W * WARPS;  // systems per block
    thomas_tiled_kernel<<<(count + per_block - 1) / per_block, 32 * WARPS>>>(count, n, a, b, c,
                                                                             d, x, cp);
    cudaFree(cp);
}
