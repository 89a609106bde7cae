#include <cstddef>
#include <vector>

struct Point {
    double x, y;
};

struct PairIJ {
    int i, j;
};

static inline double dist2(const Point& a, const Point& b) {
    const double dx = a.x - b.x, dy = a.y - b.y;
    return dx * dx + dy * dy;
}

// Cross-matches two catalogues of positions (say, the sources detected in two exposures of
// the same field): every pair (i, j) with |a[i] - b[j]| < radius, as indices into a and b.
// `matches` is cleared first.
// regrapht: range radius=0.01:0.05
// regrapht: capacity matches=a.size() * b.size()
// regrapht: unordered matches
void cross_match_catalogs(const std::vector<Point>& a, const std::vector<Point>& b,
                          double radius, std::vector<PairIJ>& matches) {
    matches.clear();
    const double r2 = radius * radius;
    for (size_t i = 0; i < a.size(); ++i)
        for (size_t j = 0; j < b.size(); ++j)
            if (dist2(a[i], b[j]) < r2)
                matches.push_back({static_cast<int>(i), static_cast<int>(j)});
}
