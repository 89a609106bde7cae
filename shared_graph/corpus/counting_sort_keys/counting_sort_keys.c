/* Stable counting sort of keys in 0..255: sorted_key gets the keys in ascending order and
   perm[p] the original index of the element placed at p (equal keys keep their order). */
// regrapht: range key=0:255; length sorted_key=n perm=n
void counting_sort_keys(int n, const int *key, int *sorted_key, int *perm) {
    int count[256];
    for (int k = 0; k < 256; k++) count[k] = 0;
    for (int i = 0; i < n; i++) count[key[i]]++;
    int start = 0;
    for (int k = 0; k < 256; k++) {
        int c = count[k];
        count[k] = start;
        start += c;
    }
    for (int i = 0; i < n; i++) {
        int p = count[key[i]]++;
        sorted_key[p] = key[i];
        perm[p] = i;
    }
}
