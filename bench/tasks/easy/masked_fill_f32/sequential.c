/* y[i] = value where mask[i] is set, else x[i]. */
// regrapht: range mask=0:1
void masked_fill_f32(int n, const float *x, const unsigned char *mask, float value, float *y) {
    for (int i = 0; i < n; i++) y[i] = mask[i] ? value : x[i];
}
