__global__ void k(const size_t *off, size_t n, int *lens) {
    size_t i = blockIdx.x * (size_t)blockDim.x + threadIdx.x;
    if (i < n) lens[i] = (int)(off[i+1] - off[i]);
}
void word_lengths_device(const char *words_chars, const size_t *words_offsets, size_t words_size, int *lens, size_t lens_size) {
    if (words_size) k<<<(words_size+255)/256,256>>>(words_offsets, words_size, lens);
}
