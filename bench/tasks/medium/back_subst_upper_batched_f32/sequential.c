/* For each of `count` systems of size s (matrices one after another, row-major): solve
   U x = b by back substitution. The diagonal is kept away from zero (2..3). */
// regrapht: size s=32
// regrapht: range U=-0.05:0.05; length U=count*s*s b=count*s x=count*s
void back_subst_upper_batched_f32(int count, int s, const float *U, const float *b, float *x) {
    for (int k = 0; k < count; k++) {
        const float *A = U + (long)k * s * s;
        const float *r = b + (long)k * s;
        float *out = x + (long)k * s;
        for (int i = s - 1; i >= 0; i--) {
            float acc = r[i];
            for (int j = i + 1; j < s; j++) acc -= A[i * s + j] * out[j];
            float d = A[i * s + i];
            d = d >= 0.0f ? d + 2.0f : d - 2.0f;
            out[i] = acc / d;
        }
    }
}
