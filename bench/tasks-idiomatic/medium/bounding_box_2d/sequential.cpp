#include <algorithm>
#include <cstddef>
#include <limits>
#include <vector>

struct Point {
    double x, y;
};

struct Box {
    double xmin, xmax, ymin, ymax;
};

// Axis-aligned bounding box of a point cloud. An empty cloud gives the inverted box
// (+inf, -inf, +inf, -inf), which contains nothing and is the identity for merging boxes.
Box bounding_box(const std::vector<Point>& pts) {
    constexpr double inf = std::numeric_limits<double>::infinity();
    Box box{inf, -inf, inf, -inf};
    for (size_t i = 0; i < pts.size(); ++i) {
        box.xmin = std::min(box.xmin, pts[i].x);
        box.xmax = std::max(box.xmax, pts[i].x);
        box.ymin = std::min(box.ymin, pts[i].y);
        box.ymax = std::max(box.ymax, pts[i].y);
    }
    return box;
}
