#include <cstddef>
#include <vector>

struct Point {
    double x, y;
};

static inline double dist2(const Point& a, const Point& b) {
    const double dx = a.x - b.x, dy = a.y - b.y;
    return dx * dx + dy * dy;
}

// Whether any point of the cloud lies within `radius` of q (a point on the circle counts).
// regrapht: range radius=0.001:0.02
bool any_point_within_radius(const std::vector<Point>& points, Point q, double radius) {
    const double r2 = radius * radius;
    for (size_t i = 0; i < points.size(); ++i)
        if (dist2(points[i], q) <= r2) return true;
    return false;
}
