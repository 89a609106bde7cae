/* MurmurHash3's fmix32 avalanche of each key, seeded: h = fmix32(key ^ seed). */
// regrapht: range key=0:4294967295 seed=0:4294967295
void murmur_fmix_u32(int n, const unsigned int *key, unsigned int seed, unsigned int *hash) {
    for (int i = 0; i < n; i++) {
        unsigned int h = key[i] ^ seed;
        h ^= h >> 16;
        h *= 0x85ebca6bu;
        h ^= h >> 13;
        h *= 0xc2b2ae35u;
        h ^= h >> 16;
        hash[i] = h;
    }
}
