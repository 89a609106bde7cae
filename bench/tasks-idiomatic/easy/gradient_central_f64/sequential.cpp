#include <cstddef>
#include <vector>

// Numerical derivative of samples f taken every h (numpy.gradient with edge_order=1): central
// differences inside, one-sided differences at both ends. A single sample has zero slope.
// regrapht: range h=0.01:1; length df=f.size()
void gradient_central_f64(const std::vector<double>& f, double h, std::vector<double>& df) {
    const size_t n = f.size();
    if (n == 0) return;
    if (n == 1) {
        df[0] = 0.0;
        return;
    }
    df[0] = (f[1] - f[0]) / h;
    df[n - 1] = (f[n - 1] - f[n - 2]) / h;
    for (size_t i = 1; i + 1 < n; ++i) {
        df[i] = (f[i + 1] - f[i - 1]) / (2.0 * h);
    }
}
