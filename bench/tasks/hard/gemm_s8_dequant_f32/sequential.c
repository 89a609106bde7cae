#include <stdint.h>

/* Quantised linear layer: C = dequant(A B) with int8 activations A (m x k, one scale per row)
   and int8 weights B (k x n, one scale per output column), all row-major. The products are
   accumulated exactly in 32-bit integers, then scaled to float: C[i][j] = acc * sa[i] * sb[j]. */
// regrapht: size k=512 n=384
// regrapht: range A=-127:127 B=-127:127 sa=0.0005:0.02 sb=0.0005:0.02
// regrapht: length A=m*k B=k*n sa=m sb=n C=m*n
void gemm_s8_dequant_f32(int m, int n, int k, const int8_t *A, const int8_t *B,
                         const float *sa, const float *sb, float *C) {
    for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
            int32_t acc = 0;
            for (int p = 0; p < k; p++) acc += (int32_t)A[i * k + p] * (int32_t)B[p * n + j];
            C[i * n + j] = (float)acc * sa[i] * sb[j];
        }
    }
}
