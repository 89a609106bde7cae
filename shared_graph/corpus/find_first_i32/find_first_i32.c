/* Index of the first element of a equal to key, or -1 if there is none. */
// regrapht: range a=0:99999 key=0:99999
int find_first_i32(int n, const int *a, int key) {
    for (int i = 0; i < n; i++) {
        if (a[i] == key) return i;
    }
    return -1;
}
