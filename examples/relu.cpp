// In-place rectified linear unit with a leak factor.
#include <vector>

void leaky_relu(std::vector<float> &v, float alpha) {
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (v[i] < 0.0f) v[i] = alpha * v[i];
    }
}
