__global__ void k(const cuDoubleComplex *a, const cuDoubleComplex *b, size_t n, cuDoubleComplex *out) {
    double re = 0, im = 0;
    for (size_t i = threadIdx.x; i < n; i += blockDim.x) { cuDoubleComplex p = cuCmul(cuConj(a[i]), b[i]); re += p.x; im += p.y; }
    __shared__ double sr[256], si[256]; sr[threadIdx.x] = re; si[threadIdx.x] = im; __syncthreads();
    for (int s = 128; s > 0; s >>= 1) { if (threadIdx.x < s) { sr[threadIdx.x] += sr[threadIdx.x+s]; si[threadIdx.x] += si[threadIdx.x+s]; } __syncthreads(); }
    if (threadIdx.x == 0) *out = make_cuDoubleComplex(sr[0], si[0]);
}
cuDoubleComplex cdot_device(const cuDoubleComplex *a, size_t a_size, const cuDoubleComplex *b, size_t b_size) {
    cuDoubleComplex *d; cudaMalloc(&d, sizeof(cuDoubleComplex)); k<<<1,256>>>(a, b, a_size, d);
    cuDoubleComplex h; cudaMemcpy(&h, d, sizeof h, cudaMemcpyDeviceToHost); cudaFree(d); return h;
}
