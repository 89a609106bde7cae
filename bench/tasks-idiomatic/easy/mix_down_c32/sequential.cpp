#include <complex>
#include <cstddef>
#include <vector>

// Digital down-conversion, the mixer stage of a software radio: shifts a complex baseband
// signal by -freq cycles per sample, in place,
//   z[n] <- z[n] * exp(-2 pi i freq n),
// before the decimating low-pass filter. freq is in cycles per sample (-0.5 .. 0.5).
constexpr float kTwoPi = 6.28318530717958647692f;

// regrapht: range freq=-0.5:0.5
void mix_down_c32(std::vector<std::complex<float>>& z, float freq) {
    const float w = -kTwoPi * freq;
    for (size_t n = 0; n < z.size(); ++n) {
        z[n] *= std::polar(1.0f, w * static_cast<float>(n));
    }
}
