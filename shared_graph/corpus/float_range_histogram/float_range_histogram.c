/* Histogram of x into nbins equal bins over [lo, hi); values outside the range are clamped
   into the first or last bin. */
// regrapht: size nbins=100; range lo=-1:-0.25 hi=0.25:1
void float_range_histogram(int n, const float *x, float lo, float hi, int nbins, int *hist) {
    float scale = (float)nbins / (hi - lo);
    for (int b = 0; b < nbins; b++) hist[b] = 0;
    for (int i = 0; i < n; i++) {
        int b = (int)((x[i] - lo) * scale);
        if (b < 0) b = 0;
        if (b > nbins - 1) b = nbins - 1;
        hist[b]++;
    }
}
