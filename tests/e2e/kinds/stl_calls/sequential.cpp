#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <vector>

// Softmax of a vector, written as people write it with the standard library.
void softmax(const std::vector<float>& logits, std::vector<float>& probs) {
    float peak = std::numeric_limits<float>::lowest();
    for (float v : logits) peak = std::max(peak, v);
    std::transform(logits.begin(), logits.end(), probs.begin(),
                   [peak](float v) { return std::exp(v - peak); });
    const float total = std::accumulate(probs.begin(), probs.end(), 0.0f);
    for (auto& p : probs) p /= total;
}
