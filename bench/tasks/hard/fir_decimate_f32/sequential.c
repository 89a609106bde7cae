/* Decimating FIR filter: y[i] = sum over k < taps of h[k] * x[i * dec + k], for i < ny. The
   filter runs at the output rate: only every dec-th output of the full convolution is
   computed. x holds ny * dec + taps samples. */
// regrapht: size taps=64 dec=4
// regrapht: length h=taps x=ny*dec+taps y=ny
void fir_decimate_f32(int ny, int taps, int dec, const float *h, const float *x, float *y) {
    for (int i = 0; i < ny; i++) {
        float acc = 0.0f;
        for (int k = 0; k < taps; k++) acc += h[k] * x[i * dec + k];
        y[i] = acc;
    }
}
