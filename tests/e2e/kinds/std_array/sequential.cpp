#include <array>
#include <vector>
void rotate(const std::array<double, 9>& R, std::vector<double>& xyz) {
    for (size_t i = 0; i + 2 < xyz.size(); i += 3) {
        double a = xyz[i], b = xyz[i+1], c = xyz[i+2];
        xyz[i] = R[0]*a + R[1]*b + R[2]*c; xyz[i+1] = R[3]*a + R[4]*b + R[5]*c; xyz[i+2] = R[6]*a + R[7]*b + R[8]*c;
    }
}
