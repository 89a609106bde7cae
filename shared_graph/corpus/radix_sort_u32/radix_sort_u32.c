#include <stdlib.h>
#include <string.h>
/* LSD radix sort of 32-bit unsigned keys, one byte per pass (4 stable counting-sort passes). */
// regrapht: range in=0:4294967295; length in=n out=n
void radix_sort_u32(int n, const unsigned int *in, unsigned int *out) {
    unsigned int *tmp = (unsigned int *)malloc((size_t)(n > 0 ? n : 1) * sizeof(unsigned int));
    memcpy(out, in, (size_t)n * sizeof(unsigned int));
    unsigned int *src = out, *dst = tmp;
    for (int shift = 0; shift < 32; shift += 8) {
        int count[256];
        for (int d = 0; d < 256; d++) count[d] = 0;
        for (int i = 0; i < n; i++) count[(src[i] >> shift) & 255]++;
        int start = 0;
        for (int d = 0; d < 256; d++) {
            int c = count[d];
            count[d] = start;
            start += c;
        }
        for (int i = 0; i < n; i++) dst[count[(src[i] >> shift) & 255]++] = src[i];
        unsigned int *t = src;
        src = dst;
        dst = t;
    }
    free(tmp);
}
