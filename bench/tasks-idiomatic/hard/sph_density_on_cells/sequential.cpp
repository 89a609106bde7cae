#include <cmath>
#include <cstddef>
#include <vector>

struct Cell {
    float pos[3];   // sampling point (cell centre)
    float density;  // output
};

struct Particle {
    float x, y, z;
    float mass;
};

constexpr float kPi = 3.14159265358979f;

// SPH density sampled at the cells of a grid: rho(r) = sum_j m_j W(|r - r_j|, h) with the
// poly6 smoothing kernel W(r, h) = 315 / (64 pi h^9) (h^2 - r^2)^3 for r < h, 0 beyond.
// Only the cells' density field is written.
// regrapht: range h=0.1:0.3 Particle.mass=0.1:2
void sph_density_on_cells(std::vector<Cell>& cells, const std::vector<Particle>& particles,
                          float h) {
    const float h2 = h * h;
    const float norm = 315.0f / (64.0f * kPi * std::pow(h, 9));
    for (size_t i = 0; i < cells.size(); ++i) {
        Cell& c = cells[i];
        float rho = 0.0f;
        for (const auto& p : particles) {
            const float dx = c.pos[0] - p.x, dy = c.pos[1] - p.y, dz = c.pos[2] - p.z;
            const float r2 = dx * dx + dy * dy + dz * dz;
            if (r2 < h2) {
                const float q = h2 - r2;
                rho += p.mass * q * q * q;
            }
        }
        c.density = norm * rho;
    }
}
