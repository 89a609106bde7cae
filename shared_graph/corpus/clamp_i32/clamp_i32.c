/* Clamp every value of x into [lo, hi]; values below lo become lo, above hi become hi. */
void clamp_i32(int n, const int *x, int lo, int hi, int *y) {
    for (int i = 0; i < n; i++) {
        int v = x[i];
        if (v < lo) v = lo;
        else if (v > hi) v = hi;
        y[i] = v;
    }
}
