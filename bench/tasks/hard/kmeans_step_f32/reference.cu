// One Lloyd iteration: an assignment kernel that also accumulates the per-centroid sums and
// counts, then a tiny kernel that turns sums into means.
// Expert steps, in the order they were added:
//  1. thread mapping: one thread per point finds its nearest centroid (same arithmetic and
//     order as the C code: diff = p - c, dist = fma(diff, diff, dist) over t, strict < over c,
//     so the assignments are bit-for-bit those of the C code).
//  2. shared memory caching: the k x d centroids are staged once per block in shared memory;
//     all lanes read the same centroid value at a time (broadcast).
//  3. vectorized memory access: a point's 8 coordinates are two float4 loads.
//  4. loop unrolling: d = 8 and k = 16 are template constants; both loops unroll fully so the
//     point and the running minimum stay in registers.
//  5. warp shuffle reduction: for each centroid that some lane of the warp chose (one ballot),
//     the warp sums the chosen points' coordinates with xor shuffles; the popcount of the
//     ballot is the count.
//  6. privatization: the 128 (centroid, coordinate) sums are spread over the lanes' registers
//     (4 per lane) and accumulate privately per warp; warps merge into a per-block copy in
//     shared memory.
//  7. grid-stride loop: a fixed grid (a few blocks per SM) strides over the points, so the
//     private sums absorb many points before they are merged.
//  8. atomic accumulation: each block adds its 128 sums and 16 counts to the global ones with
//     one atomicAdd each; the final kernel divides (or keeps the old centroid).
#define KM_BLOCK 256

template <int D, int K>
__global__ void __launch_bounds__(KM_BLOCK)
kmeans_assign_kernel(int n, const float *__restrict__ pts, const float *__restrict__ cent,
                     int vec, int *__restrict__ assign, int *__restrict__ counts,
                     float *__restrict__ sums) {
    constexpr int KD = K * D;
    constexpr int SLOTS = (KD + 31) / 32;
    __shared__ float s_cent[KD];
    __shared__ float s_sum[KD];
    __shared__ int s_cnt[K];
    for (int q = threadIdx.x; q < KD; q += KM_BLOCK) {
        s_cent[q] = cent[q];
        s_sum[q] = 0.0f;
    }
    for (int q = threadIdx.x; q < K; q += KM_BLOCK) s_cnt[q] = 0;
    __syncthreads();

    const int lane = threadIdx.x & 31;
    float acc[SLOTS];  // acc[s] = running sum of pair s * 32 + lane = c * D + t
#pragma unroll
    for (int s = 0; s < SLOTS; s++) acc[s] = 0.0f;
    int cnt_acc = 0;  // lane c (< K) counts centroid c

    const long long stride = (long long)gridDim.x * KM_BLOCK;
    // The loop variable is the same for the 32 lanes of a warp, so they iterate together.
    for (long long base = (long long)blockIdx.x * KM_BLOCK + (threadIdx.x & ~31); base < n;
         base += stride) {
        const long long i = base + lane;
        const bool valid = i < n;
        float p[D];
        if (valid && vec && (D % 4) == 0) {
            const float4 *p4 = reinterpret_cast<const float4 *>(pts + i * D);
#pragma unroll
            for (int q = 0; q < D / 4; q++) {
                float4 v = p4[q];
                p[4 * q] = v.x; p[4 * q + 1] = v.y; p[4 * q + 2] = v.z; p[4 * q + 3] = v.w;
            }
        } else {
#pragma unroll
            for (int t = 0; t < D; t++) p[t] = valid ? pts[i * D + t] : 0.0f;
        }
        int best = 0;
        float best_dist = 0.0f;
#pragma unroll
        for (int c = 0; c < K; c++) {
            float dist = 0.0f;
#pragma unroll
            for (int t = 0; t < D; t++) {
                float diff = p[t] - s_cent[c * D + t];
                dist = __fmaf_rn(diff, diff, dist);
            }
            if (c == 0 || dist < best_dist) {
                best = c;
                best_dist = dist;
            }
        }
        if (valid) assign[i] = best;

#pragma unroll
        for (int c = 0; c < K; c++) {
            const bool mine = valid && best == c;
            const unsigned voters = __ballot_sync(0xffffffffu, mine);
            if (voters == 0) continue;  // uniform over the warp
            if (lane == c) cnt_acc += __popc(voters);
#pragma unroll
            for (int t = 0; t < D; t++) {
                float v = mine ? p[t] : 0.0f;
#pragma unroll
                for (int o = 16; o > 0; o >>= 1) v += __shfl_xor_sync(0xffffffffu, v, o);
                if (lane == ((c * D + t) & 31)) acc[(c * D + t) >> 5] += v;
            }
        }
    }

    // Merge the warps' private sums in shared memory, then the block's into the global ones.
#pragma unroll
    for (int s = 0; s < SLOTS; s++) {
        int q = s * 32 + lane;
        if (q < KD) atomicAdd(&s_sum[q], acc[s]);
    }
    if (lane < K) atomicAdd(&s_cnt[lane], cnt_acc);
    __syncthreads();
    for (int q = threadIdx.x; q < KD; q += KM_BLOCK) atomicAdd(&sums[q], s_sum[q]);
    for (int q = threadIdx.x; q < K; q += KM_BLOCK) atomicAdd(&counts[q], s_cnt[q]);
}

// Any other d and k: one thread per point, sums straight into global memory with atomics.
__global__ void kmeans_assign_generic(int n, int d, int k, const float *__restrict__ pts,
                                      const float *__restrict__ cent, int *__restrict__ assign,
                                      int *__restrict__ counts, float *__restrict__ sums) {
    long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    const float *p = pts + i * d;
    int best = 0;
    float best_dist = 0.0f;
    for (int c = 0; c < k; c++) {
        float dist = 0.0f;
        for (int t = 0; t < d; t++) {
            float diff = p[t] - cent[(long long)c * d + t];
            dist = __fmaf_rn(diff, diff, dist);
        }
        if (c == 0 || dist < best_dist) {
            best = c;
            best_dist = dist;
        }
    }
    assign[i] = best;
    atomicAdd(&counts[best], 1);
    for (int t = 0; t < d; t++) atomicAdd(&sums[(long long)best * d + t], p[t]);
}

// new_cent holds the sums on entry and the means (or the old centroid) on exit.
__global__ void kmeans_finish_kernel(int d, int kd, const float *__restrict__ cent,
                                     const int *__restrict__ counts, float *__restrict__ new_cent) {
    int q = blockIdx.x * blockDim.x + threadIdx.x;
    if (q >= kd) return;
    int cnt = counts[q / d];
    new_cent[q] = cnt > 0 ? new_cent[q] / (float)cnt : cent[q];
}

void kmeans_step_f32_device(int n, int d, int k, const float *pts, const float *cent,
                            int *assign, int *counts, float *new_cent) {
    if (k <= 0) return;
    if (d > 0) cudaMemsetAsync(new_cent, 0, (size_t)k * d * sizeof(float));
    cudaMemsetAsync(counts, 0, (size_t)k * sizeof(int));
    if (n > 0 && d > 0) {
        if (d == 8 && k == 16) {
            int sms = 0;
            cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, 0);
            long long need = ((long long)n + KM_BLOCK - 1) / KM_BLOCK;
            int blocks = (int)(need < 4LL * sms ? need : 4LL * sms);
            if (blocks < 1) blocks = 1;
            int vec = ((unsigned long long)(size_t)pts % 16) == 0;
            kmeans_assign_kernel<8, 16><<<blocks, KM_BLOCK>>>(n, pts, cent, vec, assign, counts,
                                                              new_cent);
        } else {
            kmeans_assign_generic<<<(unsigned)(((long long)n + 255) / 256), 256>>>(
                n, d, k, pts, cent, assign, counts, new_cent);
        }
    }
    if (d > 0) {
        int kd = k * d;
        kmeans_finish_kernel<<<(kd + 255) / 256, 256>>>(d, kd, cent, counts, new_cent);
    }
}
