#include <vector>
// regrapht: unordered out
void above(const std::vector<float>& x, float t, std::vector<int>& out) {
    for (size_t i = 0; i < x.size(); ++i)
        if (x[i] > t) out.push_back((int)i);
}
