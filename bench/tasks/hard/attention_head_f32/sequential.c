#include <math.h>

/* Scaled dot-product attention for one head: O = softmax(Q K^T / sqrt(d)) V, with Q (nq x d),
   K and V (nk x d) and O (nq x d), all row-major. Per query: one pass over the keys for the
   row maximum, a second that accumulates the exponentials and exp-weighted values, then the
   normalisation. */
// regrapht: size d=64
// regrapht: length Q=nq*d K=nk*d V=nk*d O=nq*d
void attention_head_f32(int nq, int nk, int d, const float *Q, const float *K, const float *V,
                        float *O) {
    const float scale = 1.0f / sqrtf((float)d);
    for (int i = 0; i < nq; i++) {
        const float *q = Q + (long)i * d;
        float *o = O + (long)i * d;
        float mx = -INFINITY;
        for (int j = 0; j < nk; j++) {
            float s = 0.0f;
            for (int c = 0; c < d; c++) s += q[c] * K[(long)j * d + c];
            s *= scale;
            if (s > mx) mx = s;
        }
        for (int c = 0; c < d; c++) o[c] = 0.0f;
        float sum = 0.0f;
        for (int j = 0; j < nk; j++) {
            float s = 0.0f;
            for (int c = 0; c < d; c++) s += q[c] * K[(long)j * d + c];
            float e = expf(s * scale - mx);
            sum += e;
            for (int c = 0; c < d; c++) o[c] += e * V[(long)j * d + c];
        }
        for (int c = 0; c < d; c++) o[c] /= sum;
    }
}
