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

// Marks the active particles that have left the simulation box on any axis (a particle on a
// face is still inside); inactive particles are never marked.
// regrapht: range Box3.lo=-0.9:-0.5 Box3.hi=0.5:0.9
// regrapht: length active=particles.size() escaped=particles.size()
void flag_escaped_particles(const std::vector<Particle>& particles,
                            const std::vector<bool>& active, Box3 box,
                            std::vector<bool>& escaped) {
    for (size_t i = 0; i < particles.size(); ++i) {
        const Particle& p = particles[i];
        const float pos[3] = {p.x, p.y, p.z};
        bool outside = false;
        for (int d = 0; d < 3; ++d)
            if (pos[d] < box.lo[d] || pos[d] > box.hi[d]) outside = true;
        escaped[i] = active[i] && outside;
    }
}
