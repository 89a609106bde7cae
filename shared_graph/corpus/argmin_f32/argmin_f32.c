/* Index of the smallest element of x; the first one when several are equal (0 if n <= 0). */
int argmin_f32(int n, const float *x) {
    int best = 0;
    for (int i = 1; i < n; i++)
        if (x[i] < x[best]) best = i;
    return best;
}
