/* 1D convolution (correlation form) of a length-n signal with a length-k filter, valid part
   only: out has n - k + 1 samples (none when k > n). */
// regrapht: length x=n h=k y=n-k+1
void conv1d_valid_f32(int n, const float *x, int k, const float *h, float *y) {
    for (int i = 0; i < n - k + 1; i++) {
        float s = 0.0f;
        for (int j = 0; j < k; j++) s += x[i + j] * h[j];
        y[i] = s;
    }
}
