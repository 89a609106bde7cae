/* Restores the max-heap property below a[root] in a[0 .. end). */
static void sift_down(unsigned int *a, int root, int end) {
    while (2 * root + 1 < end) {
        int child = 2 * root + 1;
        if (child + 1 < end && a[child] < a[child + 1]) child++;
        if (a[root] >= a[child]) return;
        unsigned int t = a[root];
        a[root] = a[child];
        a[child] = t;
        root = child;
    }
}

/* In-place heap sort of a[0 .. len) into ascending order. */
static void heap_sort_u32(unsigned int *a, int len) {
    for (int s = len / 2 - 1; s >= 0; s--) sift_down(a, s, len);
    for (int end = len - 1; end > 0; end--) {
        unsigned int t = a[0];
        a[0] = a[end];
        a[end] = t;
        sift_down(a, 0, end);
    }
}

/* Sorts every row of a row-major rows x m matrix of keys into ascending order: out gets the
   sorted rows, in is left as it is. Rows of m = 1024 keys, as in a per-tile sort. */
// regrapht: size m=1024
// regrapht: range in=0:4000000000; length in=rows*m out=rows*m
void sort_rows_1024_u32(int rows, int m, const unsigned int *in, unsigned int *out) {
    for (int r = 0; r < rows; r++) {
        for (int j = 0; j < m; j++) out[(long)r * m + j] = in[(long)r * m + j];
        heap_sort_u32(out + (long)r * m, m);
    }
}
