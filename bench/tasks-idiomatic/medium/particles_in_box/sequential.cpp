#include <cstddef>
#include <vector>

struct Particle {
    float x, y, z;
    float vx, vy, vz;
    float mass;
};

struct Box3 {
    float lo[3];  // lower corner
    float hi[3];  // upper corner
};

static inline bool contains(const Box3& box, const Particle& p) {
    return p.x >= box.lo[0] && p.x <= box.hi[0] && p.y >= box.lo[1] && p.y <= box.hi[1] &&
           p.z >= box.lo[2] && p.z <= box.hi[2];
}

// Copies the particles inside the box (faces included) into `inside`, replacing what it held:
// e.g. the particles of one subdomain, to be sent to the process that owns it.
// regrapht: range Box3.lo=-0.6:-0.2 Box3.hi=0.2:0.6
// regrapht: unordered inside
void particles_in_box(const std::vector<Particle>& particles, const Box3& box,
                      std::vector<Particle>& inside) {
    inside.clear();
    for (size_t i = 0; i < particles.size(); ++i)
        if (contains(box, particles[i])) inside.push_back(particles[i]);
}
