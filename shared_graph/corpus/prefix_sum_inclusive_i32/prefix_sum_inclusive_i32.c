/* Inclusive prefix sum: y[i] = x[0] + ... + x[i]. */
void prefix_sum_inclusive_i32(int n, const int *x, int *y) {
    int s = 0;
    for (int i = 0; i < n; i++) {
        s += x[i];
        y[i] = s;
    }
}
