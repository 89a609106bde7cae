/* Exclusive prefix sum: y[i] = x[0] + ... + x[i-1], y[0] = 0 (e.g. offsets from counts). */
void prefix_sum_exclusive_i32(int n, const int *x, int *y) {
    int s = 0;
    for (int i = 0; i < n; i++) {
        y[i] = s;
        s += x[i];
    }
}
