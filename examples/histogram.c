/* Count how many values fall in each of nbins bins (values are bin numbers). */
void histogram(int n, const unsigned char *data, int nbins, int *hist) {
    for (int b = 0; b < nbins; b++) hist[b] = 0;
    for (int i = 0; i < n; i++) {
        hist[data[i]]++;
    }
}
