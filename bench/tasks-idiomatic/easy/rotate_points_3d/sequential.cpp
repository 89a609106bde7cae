#include <array>
#include <cstddef>
#include <vector>

struct Vec3 {
    double x, y, z;
};

// Applies the 3x3 matrix R (row-major; a rotation in practice, any linear map works) to every
// point of the cloud, in place.
void rotate_points_3d(const std::array<double, 9>& R, std::vector<Vec3>& points) {
    for (size_t i = 0; i < points.size(); ++i) {
        const Vec3 p = points[i];
        points[i].x = R[0] * p.x + R[1] * p.y + R[2] * p.z;
        points[i].y = R[3] * p.x + R[4] * p.y + R[5] * p.z;
        points[i].z = R[6] * p.x + R[7] * p.y + R[8] * p.z;
    }
}
