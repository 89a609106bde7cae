#include <cmath>
#include <cstddef>
#include <vector>

// Standard normal CDF, Phi(x) = (1 + erf(x / sqrt 2)) / 2, with erf from the Abramowitz &
// Stegun 7.1.26 rational approximation (|error| < 1.5e-7), as in the many Monte Carlo and
// option-pricing codes written before std::erf was portable.
static const float kErfA[5] = {0.254829592f, -0.284496736f, 1.421413741f, -1.453152027f,
                               1.061405429f};
#define ERF_P 0.3275911f
#define INV_SQRT2 0.70710678118654752f

static float erf_as(float x) {
    const float sign = std::copysign(1.0f, x);
    const float a = std::fabs(x);
    const float t = 1.0f / (1.0f + ERF_P * a);
    float poly = 0.0f;
    for (int k = 4; k >= 0; --k) poly = poly * t + kErfA[k];  // Horner, a5 first
    return sign * (1.0f - poly * t * std::exp(-a * a));
}

// regrapht: range x=-5:5; length p=x.size()
void normal_cdf_as_f32(const std::vector<float>& x, std::vector<float>& p) {
    for (size_t i = 0; i < x.size(); ++i) {
        p[i] = 0.5f * (1.0f + erf_as(x[i] * INV_SQRT2));
    }
}
