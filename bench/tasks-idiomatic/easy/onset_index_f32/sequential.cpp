#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

// Onset picking on a recorded trace (seismic or acoustic): the index of the first sample whose
// magnitude reaches `fraction` of the trace's peak magnitude. A silent trace (peak 0) has no
// onset: x.size() is returned.
// regrapht: range fraction=0.9:0.999
size_t onset_index_f32(const std::vector<float>& x, float fraction) {
    float peak = 0.0f;
    for (size_t i = 0; i < x.size(); ++i) peak = std::max(peak, std::fabs(x[i]));
    if (peak == 0.0f) return x.size();

    const float level = fraction * peak;
    const auto it = std::find_if(x.begin(), x.end(),
                                 [level](float v) { return std::fabs(v) >= level; });
    return static_cast<size_t>(it - x.begin());
}
