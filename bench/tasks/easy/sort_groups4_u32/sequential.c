/* Sorts every group of 4 consecutive keys ascending, in place (insertion sort per group);
   a last group shorter than 4 is sorted too. The first stage of a merge sort. */
// regrapht: range a=0:4294967295; length a=n
void sort_groups4_u32(int n, unsigned int *a) {
    for (int g = 0; g < n; g += 4) {
        int end = g + 4 < n ? g + 4 : n;
        for (int i = g + 1; i < end; i++) {
            unsigned int v = a[i];
            int j = i - 1;
            while (j >= g && a[j] > v) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = v;
        }
    }
}
