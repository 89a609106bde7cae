#include <algorithm>
#include <cmath>
#include <cstddef>
#include <numeric>
#include <vector>

// Log-probabilities of a vector of logits (torch.log_softmax over one long axis):
//   out[i] = x[i] - max - log(sum_j exp(x[j] - max)),
// the maximum subtracted first so that no exponential overflows, the sum taken in double.
// regrapht: range logits=-20:20; length out=logits.size()
void log_softmax_f32(const std::vector<float>& logits, std::vector<float>& out) {
    const float mx = *std::max_element(logits.begin(), logits.end());
    const double sum = std::accumulate(
        logits.begin(), logits.end(), 0.0,
        [mx](double s, float v) { return s + std::exp(static_cast<double>(v - mx)); });
    const float lse = mx + static_cast<float>(std::log(sum));
    for (size_t i = 0; i < logits.size(); ++i) out[i] = logits[i] - lse;
}
