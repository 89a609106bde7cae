/* c = a * b for n complex numbers stored interleaved (re, im, re, im, ...). */
// regrapht: length a=2*n b=2*n c=2*n
void cmul_interleaved_f32(int n, const float *a, const float *b, float *c) {
    for (int i = 0; i < n; i++) {
        float ar = a[2 * i], ai = a[2 * i + 1];
        float br = b[2 * i], bi = b[2 * i + 1];
        c[2 * i] = ar * br - ai * bi;
        c[2 * i + 1] = ar * bi + ai * br;
    }
}
