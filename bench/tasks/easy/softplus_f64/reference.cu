#include <math.h>

// A grid-stride loop over the elements: the grid is sized to the device (a few blocks per SM)
// rather than to n, and each thread handles every (gridDim * blockDim)-th element.
__global__ void softplus_kernel(int n, const double *__restrict__ x, double *__restrict__ y) {
    for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x) {
        double v = x[i];
        y[i] = fmax(v, 0.0) + log1p(exp(-fabs(v)));
    }
}

void softplus_f64_device(int n, const double *x, double *y) {
    if (n <= 0) return;
    int sms = 0;
    cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, 0);
    int blocks = (n + 255) / 256;
    if (blocks > sms * 8) blocks = sms * 8;
    softplus_kernel<<<blocks, 256>>>(n, x, y);
}
