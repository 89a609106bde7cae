#include <algorithm>
#include <cmath>
#include <cstddef>
#include <iterator>
#include <vector>

// Median absolute deviation, the robust scale estimate of outlier-resistant statistics:
//   MAD = 1.4826 median(|x - median(x)|)
// (the factor makes it estimate the standard deviation of normal data). The median of an even
// count is the mean of the two middle values. Both medians use std::nth_element on a working
// copy, so the caller's data keeps its order.
static constexpr float kMadScale = 1.4826f;

static float median_inplace(std::vector<float>& v) {
    const auto mid = static_cast<std::ptrdiff_t>(v.size() / 2);
    std::nth_element(v.begin(), v.begin() + mid, v.end());
    const float upper = v[static_cast<size_t>(mid)];
    if (v.size() % 2 == 1) return upper;
    const float lower = *std::max_element(v.begin(), v.begin() + mid);
    return 0.5f * (lower + upper);
}

float median_abs_deviation_f32(const std::vector<float>& x) {
    std::vector<float> work(x);
    const float med = median_inplace(work);
    for (size_t i = 0; i < x.size(); ++i) work[i] = std::fabs(x[i] - med);
    return kMadScale * median_inplace(work);
}
