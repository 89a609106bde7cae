/* y[0] = b[0]; y[i] = a[i] * y[i - 1] + b[i]: a first-order IIR filter / linear RNN. */
// regrapht: range a=-0.9:0.9
void linear_recurrence_f32(int n, const float *a, const float *b, float *y) {
    float prev = 0.0f;
    for (int i = 0; i < n; i++) {
        prev = a[i] * prev + b[i];
        y[i] = prev;
    }
}
