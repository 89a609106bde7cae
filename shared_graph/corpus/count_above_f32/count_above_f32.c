/* Number of elements of x strictly greater than threshold. */
int count_above_f32(int n, const float *x, float threshold) {
    int count = 0;
    for (int i = 0; i < n; i++)
        if (x[i] > threshold) count++;
    return count;
}
