#include <algorithm>
#include <limits>
#include <vector>

struct Point { float x, y; };
struct Box { float xmin, xmax, ymin, ymax; };

Box bounding_box(const std::vector<Point>& pts) {
    Box b{std::numeric_limits<float>::max(), std::numeric_limits<float>::lowest(),
          std::numeric_limits<float>::max(), std::numeric_limits<float>::lowest()};
    for (const auto& p : pts) {
        b.xmin = std::min(b.xmin, p.x); b.xmax = std::max(b.xmax, p.x);
        b.ymin = std::min(b.ymin, p.y); b.ymax = std::max(b.ymax, p.y);
    }
    return b;
}
