// Number of words starting with a vowel, returned as size_t.
// Expert steps, in the order they were added:
//  1. thread mapping: one thread per word (in a grid-sized loop) tests its first character,
//     w_chars[w_offsets[i]], when the word is not empty.
//  2. warp vote reduction: the warp's 32 predicates are packed by __ballot_sync and counted
//     with __popc; each thread keeps the running count of its warp, and lane 0 adds it to the
//     global counter with one 64-bit atomicAdd at the end, instead of one atomic per word.
__device__ __forceinline__ bool vowel_char(char c) {
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

__global__ void vowel_initial_kernel(const char *__restrict__ chars,
                                     const size_t *__restrict__ offsets, size_t n,
                                     unsigned long long *total) {
    const size_t stride = (size_t)gridDim.x * blockDim.x;
    unsigned long long warp_count = 0;
    // Whole warps iterate together (the loop bound is rounded up to a multiple of 32), so
    // every lane takes part in each ballot.
    const size_t rounded = (n + 31) / 32 * 32;
    for (size_t i = (size_t)blockIdx.x * blockDim.x + threadIdx.x; i < rounded; i += stride) {
        bool hit = false;
        if (i < n) {
            const size_t b = offsets[i];
            hit = offsets[i + 1] > b && vowel_char(chars[b]);
        }
        warp_count += __popc(__ballot_sync(0xffffffffu, hit));
    }
    if ((threadIdx.x & 31) == 0 && warp_count) atomicAdd(total, warp_count);
}

size_t count_vowel_initial_words_device(const char *words_chars, const size_t *words_offsets,
                                        size_t words_size) {
    if (words_size == 0) return 0;
    unsigned long long *total = nullptr;
    cudaMalloc(&total, sizeof(unsigned long long));
    cudaMemsetAsync(total, 0, sizeof(unsigned long long));
    size_t blocks = (words_size + 255) / 256;
    if (blocks > 2048) blocks = 2048;
    vowel_initial_kernel<<<(unsigned)blocks, 256>>>(words_chars, words_offsets, words_size,
                                                    total);
    unsigned long long result = 0;
    cudaMemcpy(&result, total, sizeof(result), cudaMemcpyDeviceToHost);
    cudaFree(total);
    return (size_t)result;
}
