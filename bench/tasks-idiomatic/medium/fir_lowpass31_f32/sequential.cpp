#include <algorithm>
#include <cstddef>

// Causal FIR low-pass filter with a fixed 31-tap design (windowed sinc, Hamming window, cutoff
// 0.1 of the sample rate, unit gain at DC), run from a zero initial state:
//   y[n] = sum_{k=0}^{min(30, n)} h[k] x[n - k].
static constexpr int kTaps = 31;
static const float kLowpass[kTaps] = {
    0.000000000e+00f,  1.201426376e-03f,  2.784327848e-03f,  4.227316085e-03f,
    3.942763413e-03f,  0.000000000e+00f, -8.256777293e-03f, -1.858321013e-02f,
    -2.538982044e-02f, -2.123530870e-02f, 0.000000000e+00f,  3.958811257e-02f,
    9.188887702e-02f,  1.450990810e-01f,  1.849028786e-01f,  1.996606673e-01f,
    1.849028786e-01f,  1.450990810e-01f,  9.188887702e-02f,  3.958811257e-02f,
    0.000000000e+00f, -2.123530870e-02f, -2.538982044e-02f, -1.858321013e-02f,
    -8.256777293e-03f, 0.000000000e+00f,  3.942763413e-03f,  4.227316085e-03f,
    2.784327848e-03f,  1.201426376e-03f,  0.000000000e+00f};

// The C-style entry point of a filtering library: count samples in, count samples out.
// regrapht: length x=count y=count
void fir_lowpass31_f32(const float* x, float* y, size_t count) {
    for (size_t n = 0; n < count; ++n) {
        const size_t last = std::min<size_t>(kTaps - 1, n);
        float acc = 0.0f;
        for (size_t k = 0; k <= last; ++k) acc += kLowpass[k] * x[n - k];
        y[n] = acc;
    }
}
