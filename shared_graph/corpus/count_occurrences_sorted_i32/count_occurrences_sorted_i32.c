/* For each of q query values, how many times it occurs in the ascending array a of n ints:
   upper_bound - lower_bound, both found by binary search over the whole array. (On an
   unsorted array the result is still fully determined by these two searches.) */
// regrapht: length a=n
void count_occurrences_sorted_i32(int n, const int *a, int q, const int *queries, int *counts) {
    for (int t = 0; t < q; t++) {
        int key = queries[t];
        int lo = 0, hi = n;
        while (lo < hi) { /* lower_bound: first index with a[i] >= key */
            int mid = lo + (hi - lo) / 2;
            if (a[mid] < key) lo = mid + 1;
            else hi = mid;
        }
        int first = lo;
        lo = 0;
        hi = n;
        while (lo < hi) { /* upper_bound: first index with a[i] > key */
            int mid = lo + (hi - lo) / 2;
            if (a[mid] <= key) lo = mid + 1;
            else hi = mid;
        }
        counts[t] = lo - first;
    }
}
