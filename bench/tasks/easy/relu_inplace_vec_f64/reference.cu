// Fixed interface: grid (x.size() + 511) / 512 blocks of 256 threads, so each thread owns two
// neighbouring elements.
// - thread mapping: thread t handles elements 2t and 2t + 1, with a bounds check.
// - vectorized memory access: both are read and written as one double2 (16 bytes: device
//   buffers are 16-byte aligned, which the kernel checks, and 2t is even); an odd-sized
//   vector's last element takes the scalar path.
__global__ void relu_inplace_kernel(double *x, size_t x_size) {
    size_t t = (size_t)blockIdx.x * blockDim.x + threadIdx.x;
    size_t i = 2 * t;
    bool aligned = ((unsigned long long)x & 15) == 0;
    if (aligned && i + 1 < x_size) {
        double2 v = reinterpret_cast<double2 *>(x)[t];
        if (v.x < 0.0) v.x = 0.0;
        if (v.y < 0.0) v.y = 0.0;
        reinterpret_cast<double2 *>(x)[t] = v;
    } else {
        if (i < x_size && x[i] < 0.0) x[i] = 0.0;
        if (i + 1 < x_size && x[i + 1] < 0.0) x[i + 1] = 0.0;
    }
}
