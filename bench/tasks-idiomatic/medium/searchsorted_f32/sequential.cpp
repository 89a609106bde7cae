#include <algorithm>
#include <cstddef>
#include <vector>

// Assigns samples to the bins of an irregular grid, like numpy.searchsorted(sorted_edges, x,
// side='left'): bin[i] = the number of edges below x[i]. The edges may arrive in any order, so
// a sorted copy is made first and each sample is located with std::lower_bound.
// regrapht: length bin=x.size()
void searchsorted_f32(const std::vector<float>& edges, const std::vector<float>& x,
                      std::vector<int>& bin) {
    std::vector<float> sorted(edges);
    std::sort(sorted.begin(), sorted.end());
    for (size_t i = 0; i < x.size(); ++i) {
        const auto pos = std::lower_bound(sorted.begin(), sorted.end(), x[i]);
        bin[i] = static_cast<int>(pos - sorted.begin());
    }
}
