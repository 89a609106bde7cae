#include <array>
#include <cstddef>
#include <vector>

// Causal 5-tap FIR filter: y[i] = sum over k of taps[k] * x[i - k], the samples before the
// start of the signal taken as zero.
// regrapht: length y=x.size()
void fir5_causal_filter(const std::vector<float>& x, const std::array<float, 5>& taps,
                        std::vector<float>& y) {
    for (size_t i = 0; i < x.size(); ++i) {
        float acc = 0.0f;
        for (size_t k = 0; k < taps.size(); ++k)
            if (i >= k) acc += taps[k] * x[i - k];
        y[i] = acc;
    }
}
