/* Stream compaction: copy the elements of x greater than threshold to out, in order.
   Returns how many were copied; out beyond that count is left untouched. */
// regrapht: length out=n
int compact_above_threshold(int n, const float *x, float threshold, float *out) {
    int m = 0;
    for (int i = 0; i < n; i++)
        if (x[i] > threshold) out[m++] = x[i];
    return m;
}
