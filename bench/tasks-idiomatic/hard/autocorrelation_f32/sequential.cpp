#include <cstddef>
#include <numeric>
#include <vector>

// Normalised autocorrelation of a time series for lags 0 .. r.size() - 1 (the ACF of
// statsmodels.tsa.acf without demeaning, or a pitch detector's correlogram):
//   r[k] = sum_{n + k < N} x[n] x[n + k] / sum_n x[n]^2,   N = x.size(),
// accumulated in double. Lags at or beyond N, and every lag of a silent signal, are 0.
void autocorrelation_f32(const std::vector<float>& x, std::vector<float>& r) {
    const double energy = std::inner_product(x.begin(), x.end(), x.begin(), 0.0);
    for (size_t k = 0; k < r.size(); ++k) {
        if (k >= x.size() || energy == 0.0) {
            r[k] = 0.0f;
            continue;
        }
        double acc = 0.0;
        for (size_t n = 0; n + k < x.size(); ++n) acc += static_cast<double>(x[n]) * x[n + k];
        r[k] = static_cast<float>(acc / energy);
    }
}
