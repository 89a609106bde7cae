#include <vector>
void mark(const std::vector<float>& x, const std::vector<bool>& active, std::vector<bool>& flags) {
    for (size_t i = 0; i < x.size(); ++i) flags[i] = active[i] && x[i] > 0.0f;
}
