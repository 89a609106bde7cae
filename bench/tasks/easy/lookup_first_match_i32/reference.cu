// - thread mapping: one thread per query, with a bounds check.
// - shared memory tiling: the block stages the key table in shared memory, TILE keys at a time
//   (the whole table when m <= TILE), and every thread of the block searches the staged copy;
//   a thread that has found its key stops comparing but still helps stage later tiles, so the
//   __syncthreads calls stay uniform.
#define TILE 256

__global__ void lookup_kernel(int nq, const int *__restrict__ q, int m,
                              const int *__restrict__ keys, int *__restrict__ pos) {
    __shared__ int tile[TILE];
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    int key = i < nq ? q[i] : 0;
    int found = -1;
    for (int base = 0; base < m; base += TILE) {
        int count = min(TILE, m - base);
        __syncthreads();  // the previous tile is no longer read
        for (int j = threadIdx.x; j < count; j += blockDim.x) tile[j] = keys[base + j];
        __syncthreads();
        if (found < 0) {
            for (int j = 0; j < count; j++) {
                if (tile[j] == key) {
                    found = base + j;
                    break;
                }
            }
        }
    }
    if (i < nq) pos[i] = found;
}

void lookup_first_match_i32_device(int nq, const int *q, int m, const int *keys, int *pos) {
    if (nq <= 0) return;
    lookup_kernel<<<(nq + 255) / 256, 256>>>(nq, q, m, keys, pos);
}
