// One text position per thread. The block stages its stretch of text (plus the m - 1
// characters after it) and the pattern in shared memory: every character is read from global
// memory once per block instead of m times.
#define BLOCK 256
#define MAX_M 64

__global__ void match_kernel(int n, int m, const unsigned char *text, const unsigned char *pat,
                             unsigned char *hit) {
    __shared__ unsigned char s_text[BLOCK + MAX_M];
    __shared__ unsigned char s_pat[MAX_M];
    int base = blockIdx.x * BLOCK;
    for (int t = threadIdx.x; t < BLOCK + m - 1; t += BLOCK)
        s_text[t] = (base + t < n) ? text[base + t] : 0;
    for (int t = threadIdx.x; t < m; t += BLOCK) s_pat[t] = pat[t];
    __syncthreads();
    int i = base + threadIdx.x;
    if (i >= n) return;
    unsigned char ok = 0;
    if (i + m <= n) {
        ok = 1;
        for (int j = 0; j < m; j++)
            if (s_text[threadIdx.x + j] != s_pat[j]) { ok = 0; break; }
    }
    hit[i] = ok;
}

// Patterns longer than the shared buffers read global memory directly.
__global__ void match_global_kernel(int n, int m, const unsigned char *text,
                                    const unsigned char *pat, unsigned char *hit) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    unsigned char ok = 0;
    if (i + m <= n) {
        ok = 1;
        for (int j = 0; j < m; j++)
            if (text[i + j] != pat[j]) { ok = 0; break; }
    }
    hit[i] = ok;
}

void pattern_match_u8_device(int n, int m, const unsigned char *text, const unsigned char *pat,
                             unsigned char *hit) {
    if (n <= 0) return;
    if (m >= 1 && m <= MAX_M)
        match_kernel<<<(n + BLOCK - 1) / BLOCK, BLOCK>>>(n, m, text, pat, hit);
    else
        match_global_kernel<<<(n + BLOCK - 1) / BLOCK, BLOCK>>>(n, m, text, pat, hit);
}
