#include <cmath>
#include <cstddef>
#include <vector>

// Symmetric Hann window applied to one frame before an FFT (numpy.hanning, MATLAB
// hann(N, 'symmetric')):
//   y[i] = x[i] * 0.5 * (1 - cos(2 pi i / (N - 1))),   i = 0 .. N - 1.
// A frame of one sample has no taper and is passed through unchanged.
constexpr double kPi = 3.14159265358979323846;

// regrapht: length y=x.size()
void hann_window_f32(const std::vector<float>& x, std::vector<float>& y) {
    const size_t n = x.size();
    if (n == 0) return;
    if (n == 1) {
        y[0] = x[0];
        return;
    }
    const double step = 2.0 * kPi / static_cast<double>(n - 1);
    for (size_t i = 0; i < n; ++i) {
        const double w = 0.5 * (1.0 - std::cos(step * static_cast<double>(i)));
        y[i] = static_cast<float>(w) * x[i];
    }
}
