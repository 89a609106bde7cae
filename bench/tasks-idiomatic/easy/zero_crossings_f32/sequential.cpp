#include <cmath>
#include <cstddef>
#include <vector>

// Number of sign changes between consecutive samples: the count behind the zero-crossing rate
// of speech and audio feature extraction. The sign is the sign bit (std::signbit), so +0 is
// positive.
size_t zero_crossings_f32(const std::vector<float>& x) {
    size_t crossings = 0;
    for (size_t i = 1; i < x.size(); ++i) {
        if (std::signbit(x[i - 1]) != std::signbit(x[i])) ++crossings;
    }
    return crossings;
}
