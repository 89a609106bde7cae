__global__ void k(Particle *ps, size_t n, float dt) {
    size_t i = blockIdx.x * (size_t)blockDim.x + threadIdx.x;
    if (i < n) { Particle p = ps[i]; p.x += p.vx*dt; p.y += p.vy*dt; p.z += p.vz*dt; p.vx *= (1.0f - kDrag); ps[i] = p; }
}
void drift_device(Particle *ps, size_t ps_size, float dt) { if (ps_size) k<<<(ps_size+255)/256,256>>>(ps, ps_size, dt); }
