#include <algorithm>
#include <cmath>
#include <complex>
#include <cstddef>

// Power spectrum in decibels from FFT bins, as a spectrum analyser displays it:
//   p[k] = 10 log10(|X[k]|^2),
// with the power floored at 1e-20 (-200 dB) so that an empty bin stays finite.
void power_db_c32(const std::complex<float>* X, float* p, size_t bins) {
    constexpr float kFloor = 1e-20f;
    for (size_t k = 0; k < bins; ++k) {
        const float power = std::max(std::norm(X[k]), kFloor);
        p[k] = 10.0f * std::log10(power);
    }
}
