#include <climits>
#include <stdint.h>
// Four edges per thread with 16-byte loads (int4 of src, dst and w) when the three edge arrays
// share their alignment modulo 16; a scalar head and tail cover the rest. dist_in is only read,
// so its gathers go through the read-only cache.
__global__ void copy_dist_kernel(int nv, const int *dist_in, int *dist_out) {
    int v = blockIdx.x * blockDim.x + threadIdx.x;
    if (v < nv) dist_out[v] = dist_in[v];
}

__device__ __forceinline__ void relax(int s, int d, int wt, const int *__restrict__ dist_in,
                                      int *dist_out) {
    int du = __ldg(&dist_in[s]);
    if (du == INT_MAX) return;
    int cand = du + wt;
    int *target = &dist_out[d];
    if (cand < *(volatile int *)target) atomicMin(target, cand);
}

__global__ void relax_vec_kernel(const int *__restrict__ src, const int *__restrict__ dst,
                                 const int *__restrict__ w, const int *__restrict__ dist_in,
                                 int *dist_out, int head, long long nvec) {
    long long t = (long long)blockIdx.x * blockDim.x + threadIdx.x;
    if (t < nvec) {
        int4 s = __ldg((const int4 *)(src + head) + t);
        int4 d = __ldg((const int4 *)(dst + head) + t);
        int4 wt = __ldg((const int4 *)(w + head) + t);
        relax(s.x, d.x, wt.x, dist_in, dist_out);
        relax(s.y, d.y, wt.y, dist_in, dist_out);
        relax(s.z, d.z, wt.z, dist_in, dist_out);
        relax(s.w, d.w, wt.w, dist_in, dist_out);
    }
}

// Edges [0, head) and [tail_start, ne).
__global__ void relax_scalar_kernel(int ne, const int *__restrict__ src,
                                    const int *__restrict__ dst, const int *__restrict__ w,
                                    const int *__restrict__ dist_in, int *dist_out, int head,
                                    long long tail_start) {
    long long r = (long long)blockIdx.x * blockDim.x + threadIdx.x;
    long long e = r < head ? r : tail_start + (r - head);
    if (e < ne) relax(__ldg(&src[e]), __ldg(&dst[e]), __ldg(&w[e]), dist_in, dist_out);
}

void bellman_ford_pass_device(int nv, int ne, const int *src, const int *dst, const int *w,
                              const int *dist_in, int *dist_out) {
    if (nv <= 0) return;
    const int block = 256;
    copy_dist_kernel<<<(unsigned)(((long long)nv + block - 1) / block), block>>>(nv, dist_in,
                                                                                dist_out);
    if (ne <= 0) return;
    uintptr_t a = (uintptr_t)src;
    int head;
    long long nvec;
    if (((a ^ (uintptr_t)dst) & 15) == 0 && ((a ^ (uintptr_t)w) & 15) == 0) {
        head = (int)(((16 - (a & 15)) & 15) / 4);
        if (head > ne) head = ne;
        nvec = ((long long)ne - head) / 4;
    } else {
        head = ne;
        nvec = 0;
    }
    long long tail_start = (long long)head + 4 * nvec;
    long long scalar = (long long)head + ((long long)ne - tail_start);
    if (nvec > 0)
        relax_vec_kernel<<<(unsigned)((nvec + block - 1) / block), block>>>(src, dst, w, dist_in,
                                                                           dist_out, head, nvec);
    if (scalar > 0)
        relax_scalar_kernel<<<(unsigned)((scalar + block - 1) / block), block>>>(
            ne, src, dst, w, dist_in, dist_out, head, tail_start);
}
