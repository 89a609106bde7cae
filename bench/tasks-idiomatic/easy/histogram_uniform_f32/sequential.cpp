#include <algorithm>
#include <cstddef>
#include <vector>

// Histogram of samples over [lo, hi) in counts.size() equal-width bins (numpy.histogram with an
// explicit range, except that hi itself falls outside). Returns how many samples fell outside
// the range, so that the caller can tell under- and overflow from an empty tail.
// regrapht: range lo=-1:-0.25 hi=0.25:1; length counts=256
size_t histogram_uniform_f32(const std::vector<float>& x, float lo, float hi,
                             std::vector<int>& counts) {
    std::fill(counts.begin(), counts.end(), 0);
    const size_t nbins = counts.size();
    const float scale = static_cast<float>(nbins) / (hi - lo);
    size_t outside = 0;
    for (size_t i = 0; i < x.size(); ++i) {
        const float v = x[i];
        if (v < lo || v >= hi) {
            ++outside;
            continue;
        }
        size_t bin = static_cast<size_t>((v - lo) * scale);
        if (bin >= nbins) bin = nbins - 1;  // (v - lo) * scale can round up to nbins below hi
        ++counts[bin];
    }
    return outside;
}
