#include <vector>
#include <complex>
#include <numeric>
std::complex<double> cdot(const std::vector<std::complex<double>>& a, const std::vector<std::complex<double>>& b) {
    std::complex<double> s = 0;
    for (size_t i = 0; i < a.size(); ++i) s += std::conj(a[i]) * b[i];
    return s;
}
