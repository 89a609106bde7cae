#include <cstddef>
#include <vector>

// Mean and unbiased (n - 1) variance of a sample in one pass with Welford's update, the
// numerically stable way to get the spread of data that sits on a large offset (here a
// quantity of about 100 varying by about 1). A single sample has variance 0.
// regrapht: range x=99:101
void welford_mean_var_f64(const std::vector<double>& x, double& mean, double& variance) {
    double m = 0.0;
    double m2 = 0.0;
    size_t count = 0;
    for (size_t i = 0; i < x.size(); ++i) {
        ++count;
        const double delta = x[i] - m;
        m += delta / static_cast<double>(count);
        m2 += delta * (x[i] - m);
    }
    mean = m;
    variance = count > 1 ? m2 / static_cast<double>(count - 1) : 0.0;
}
