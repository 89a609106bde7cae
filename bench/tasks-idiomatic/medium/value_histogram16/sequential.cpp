#include <algorithm>
#include <cstddef>
#include <vector>

constexpr int kBins = 16;

// Histogram of the samples in [lo, hi) over 16 equal-width bins (samples outside are not
// counted); hist is overwritten.
// regrapht: range lo=-1:-0.5 hi=0.5:1
void value_histogram16(const std::vector<float>& x, float lo, float hi, int hist[16]) {
    for (int k = 0; k < kBins; ++k) hist[k] = 0;
    if (!(hi > lo)) return;
    const float scale = kBins / (hi - lo);
    for (size_t i = 0; i < x.size(); ++i) {
        const float v = x[i];
        if (v < lo || v >= hi) continue;
        const int b = std::min(static_cast<int>((v - lo) * scale), kBins - 1);  // v near hi
        ++hist[b];
    }
}
