// One thread per grid point: interior points take the explicit update, the two end points
// copy the old value (Dirichlet boundary), exactly as the C loop does.
__global__ void heat1d_kernel(int n, double r, const double *u, double *u_new) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;
    if (i == 0 || i == n - 1)
        u_new[i] = u[i];
    else
        u_new[i] = u[i] + r * (u[i - 1] - 2.0 * u[i] + u[i + 1]);
}

void heat1d_step_f64_device(int n, double r, const double *u, double *u_new) {
    if (n <= 0) return;
    int block = 256;
    heat1d_kernel<<<(n + block - 1) / block, block>>>(n, r, u, u_new);
}
