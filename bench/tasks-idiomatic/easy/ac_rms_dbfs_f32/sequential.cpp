#include <cmath>
#include <cstddef>
#include <limits>
#include <numeric>
#include <vector>

// AC level of a block of audio samples in dB relative to full scale, as a level meter shows
// it: the RMS of the block with its DC offset (the mean) removed, 20 log10(RMS). A block with
// no AC part (a constant block, or a single sample) reads -infinity dB.
float ac_rms_dbfs_f32(const std::vector<float>& x) {
    const double mean = std::reduce(x.begin(), x.end(), 0.0) / static_cast<double>(x.size());
    double energy = 0.0;
    for (size_t i = 0; i < x.size(); ++i) {
        const double d = x[i] - mean;
        energy += d * d;
    }
    const double rms = std::sqrt(energy / static_cast<double>(x.size()));
    if (rms == 0.0) return -std::numeric_limits<float>::infinity();
    return static_cast<float>(20.0 * std::log10(rms));
}
