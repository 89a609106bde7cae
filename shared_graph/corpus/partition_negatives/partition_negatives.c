/* Stable partition: out gets the negative values of x in their order, then the non-negative
   ones in their order. Returns the number of negative values. */
// regrapht: length out=n
int partition_negatives(int n, const float *x, float *out) {
    int neg = 0;
    for (int i = 0; i < n; i++)
        if (x[i] < 0.0f) neg++;
    int a = 0, b = neg;
    for (int i = 0; i < n; i++) {
        if (x[i] < 0.0f) out[a++] = x[i];
        else out[b++] = x[i];
    }
    return neg;
}
