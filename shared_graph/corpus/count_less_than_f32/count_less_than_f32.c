/* For each query, the number of elements of a that are smaller than it: on a sorted array
   this is the lower_bound position (where the query would be inserted), and it stays well
   defined when a is not sorted. */
void count_less_than_f32(int n, const float *a, int q, const float *queries, int *pos) {
    for (int t = 0; t < q; t++) {
        float v = queries[t];
        int c = 0;
        for (int j = 0; j < n; j++) c += a[j] < v;
        pos[t] = c;
    }
}
