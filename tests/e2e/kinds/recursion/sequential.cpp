#include <vector>

// Number of steps of Euclid's algorithm for each pair, written recursively.
static int euclid_steps(unsigned a, unsigned b) {
    return b == 0 ? 0 : 1 + euclid_steps(b, a % b);
}

// regrapht: range a=1:100000 b=1:100000
void gcd_steps(const std::vector<unsigned>& a, const std::vector<unsigned>& b,
               std::vector<int>& steps) {
    for (size_t i = 0; i < a.size(); ++i) steps[i] = euclid_steps(a[i], b[i]);
}
