/* Evaluate the polynomial coef[0] + coef[1] t + ... + coef[degree] t^degree at every x[i]
   (Horner's rule). */
// regrapht: size degree=8; length coef=degree+1
void poly_horner_f32(int n, const float *x, const float *coef, int degree, float *y) {
    for (int i = 0; i < n; i++) {
        float t = x[i];
        float acc = coef[degree];
        for (int k = degree - 1; k >= 0; k--) acc = acc * t + coef[k];
        y[i] = acc;
    }
}
