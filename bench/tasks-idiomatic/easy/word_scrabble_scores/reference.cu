// Scrabble score of every word; the output is the words' count long (clear + push_back).
// Expert steps, in the order they were added:
//  1. thread mapping: one thread per word; the word is w_chars[w_offsets[i] ..
//     w_offsets[i + 1]), its score goes to scores[i], and the launcher sets the output's count
//     to the number of words.
//  2. shared memory caching: the 26-entry letter table (a device constant carried from the
//     file) is read with a different, data-dependent index in every lane, which the constant
//     cache serializes; each block copies it into shared memory once, and the lookups become
//     shared-memory reads.
__global__ void scrabble_kernel(const char *__restrict__ chars,
                                const size_t *__restrict__ offsets, size_t n,
                                int *__restrict__ scores) {
    __shared__ int s_score[26];
    if (threadIdx.x < 26) s_score[threadIdx.x] = kLetterScore[threadIdx.x];
    __syncthreads();
    const size_t i = (size_t)blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    const size_t b = offsets[i], e = offsets[i + 1];
    int s = 0;
    for (size_t p = b; p < e; ++p) {
        const char c = chars[p];
        if (c >= 'a' && c <= 'z') s += s_score[c - 'a'];
    }
    if (e - b >= (size_t)kBingoLength) s += kBingoBonus;
    scores[i] = s;
}

void word_scrabble_scores_device(const char *words_chars, const size_t *words_offsets,
                                 size_t words_size, int *scores, size_t scores_capacity,
                                 unsigned long long *scores_count) {
    const size_t n = words_size < scores_capacity ? words_size : scores_capacity;
    unsigned long long count = words_size;
    cudaMemcpy(scores_count, &count, sizeof(count), cudaMemcpyHostToDevice);
    if (n == 0) return;
    scrabble_kernel<<<(unsigned)((n + 255) / 256), 256>>>(words_chars, words_offsets, n,
                                                          scores);
}
