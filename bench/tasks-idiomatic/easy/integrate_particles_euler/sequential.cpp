#include <cstddef>
#include <vector>

struct Particle {
    float x, y, z;
    float vx, vy, vz;
    float mass;
};

struct SimParams {
    float dt;          // time step
    float gx, gy, gz;  // gravity
    float drag;        // linear drag coefficient
    int substeps;      // the step is split into this many substeps
};

// Advances every particle by one time step p.dt of semi-implicit Euler under gravity and
// linear drag (a = g - drag * v / m), split into p.substeps equal substeps: each substep
// updates the velocity first, then moves the particle with the new velocity.
// regrapht: range Particle.mass=0.5:2 SimParams.dt=0.001:0.02 SimParams.drag=0:0.5
// regrapht: range SimParams.substeps=1:4
void integrate_particles_euler(std::vector<Particle>& particles, SimParams p) {
    if (p.substeps <= 0) return;
    const float h = p.dt / p.substeps;
    for (int s = 0; s < p.substeps; ++s) {
        for (auto& q : particles) {
            const float k = p.drag / q.mass;
            q.vx += h * (p.gx - k * q.vx);
            q.vy += h * (p.gy - k * q.vy);
            q.vz += h * (p.gz - k * q.vz);
            q.x += h * q.vx;
            q.y += h * q.vy;
            q.z += h * q.vz;
        }
    }
}
