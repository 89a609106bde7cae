#include <cstddef>
#include <vector>

// Positions of the local maxima of a signal that rise above min_height, in increasing order:
// samples strictly greater than the one before and at least as large as the one after (a
// flat top of two equal samples is reported once, at its left end). The first and last
// samples never count. `peaks` is cleared first.
// regrapht: range min_height=0:0.5
void find_peaks(const std::vector<float>& signal, float min_height, std::vector<size_t>& peaks) {
    peaks.clear();
    if (signal.size() < 3) return;
    for (size_t i = 1; i + 1 < signal.size(); ++i) {
        const float v = signal[i];
        if (v > min_height && v > signal[i - 1] && v >= signal[i + 1]) peaks.push_back(i);
    }
}
