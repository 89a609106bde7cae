/* Sum of the weights per key: hist[k] = sum of w[i] over all i with key[i] == k. */
// regrapht: range key=0:63; size nbins=64
void weighted_key_histogram(int n, const int *key, const float *w, int nbins, float *hist) {
    for (int k = 0; k < nbins; k++) hist[k] = 0.0f;
    for (int i = 0; i < n; i++) hist[key[i]] += w[i];
}
