#include <algorithm>
#include <cstddef>
#include <numeric>
#include <vector>

// Normalised cumulative energy of a signal, the curve from which the arrival window of a
// seismic phase or the 5-95 % duration of a burst is read:
//   c[i] = sum_{j <= i} x[j]^2 / sum_j x[j]^2.
// A silent signal (zero energy) leaves c all zeros.
// regrapht: length c=x.size()
void cumulative_energy_f32(const std::vector<float>& x, std::vector<float>& c) {
    std::transform(x.begin(), x.end(), c.begin(), [](float v) { return v * v; });
    std::inclusive_scan(c.begin(), c.end(), c.begin());
    const float total = c.back();
    if (total == 0.0f) return;
    for (size_t i = 0; i < c.size(); ++i) c[i] /= total;
}
