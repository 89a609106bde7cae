// Dot product of two vectors, accumulated in double.
#include <vector>
#include <cstddef>

double dot(const std::vector<double> &a, const std::vector<double> &b) {
    double sum = 0.0;
    for (std::size_t i = 0; i < a.size(); i++) {
        sum += a[i] * b[i];
    }
    return sum;
}
