#include <cstddef>
#include <vector>

/* Adds to bins[q] the number of points (x[i], y[i]) in quadrant q: 0 for x >= 0 and y >= 0,
   1 for x < 0 and y >= 0, 2 for x < 0 and y < 0, 3 for x >= 0 and y < 0. As in ParEval's
   histogram problems the counts accumulate into bins (the caller zeroes it for a fresh count). */
// regrapht: length y=x.size() bins=4
void quadrant_counts_vec_f64(std::vector<double> const& x, std::vector<double> const& y,
                             std::vector<int> &bins) {
    for (size_t i = 0; i < x.size(); i++) {
        if (x[i] >= 0.0 && y[i] >= 0.0) bins[0]++;
        else if (x[i] < 0.0 && y[i] >= 0.0) bins[1]++;
        else if (x[i] < 0.0 && y[i] < 0.0) bins[2]++;
        else bins[3]++;
    }
}
