#include <cstddef>
#include <vector>

// Evaluates the Chebyshev series f(t) = c[0]/2 + c[1] T1(t) + ... + c[7] T7(t) at every sample
// t of x (meant for t in [-1, 1]) with Clenshaw's recurrence, the numerically stable way.
// regrapht: length y=x.size()
void chebyshev_series(const float c[8], const std::vector<float>& x, std::vector<float>& y) {
    for (size_t i = 0; i < x.size(); ++i) {
        const float t = x[i];
        float b1 = 0.0f, b2 = 0.0f;
        for (int k = 7; k >= 1; --k) {
            const float b0 = 2.0f * t * b1 - b2 + c[k];
            b2 = b1;
            b1 = b0;
        }
        y[i] = t * b1 - b2 + 0.5f * c[0];
    }
}
