/* Running sum that restarts wherever flags[i] is set: a set flag starts a new segment at i. */
// regrapht: range flags=0:1
void segmented_sum_i32(int n, const int *x, const unsigned char *flags, int *y) {
    int s = 0;
    for (int i = 0; i < n; i++) {
        if (flags[i]) s = 0;
        s += x[i];
        y[i] = s;
    }
}
