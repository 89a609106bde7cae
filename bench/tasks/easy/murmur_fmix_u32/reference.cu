__global__ void fmix_kernel(int n, const unsigned int *key, unsigned int seed,
                            unsigned int *hash) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    unsigned int h = key[i] ^ seed;
    h ^= h >> 16;
    h *= 0x85ebca6bu;
    h ^= h >> 13;
    h *= 0xc2b2ae35u;
    h ^= h >> 16;
    hash[i] = h;
}

void murmur_fmix_u32_device(int n, const unsigned int *key, unsigned int seed,
                            unsigned int *hash) {
    if (n <= 0) return;
    fmix_kernel<<<(n + 255) / 256, 256>>>(n, key, seed, hash);
}
