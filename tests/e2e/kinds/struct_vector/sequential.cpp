#include <vector>
#include <cmath>
struct Particle { float x, y, z; float vx, vy, vz; float mass; };
constexpr float kDrag = 0.01f;
void drift(std::vector<Particle>& ps, float dt) {
    for (auto& p : ps) {
        p.x += p.vx * dt; p.y += p.vy * dt; p.z += p.vz * dt;
        p.vx *= (1.0f - kDrag);
    }
}
