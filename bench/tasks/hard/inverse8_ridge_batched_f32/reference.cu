#include <math.h>

// Batched 8 x 8 Gauss-Jordan inversion, 8 lanes per matrix. Expert steps, in order:
// - thread mapping: a group of 8 consecutive lanes per matrix, lane r owns row r of the
//   augmented matrix [A + ridge I | I]; 4 matrices per warp.
// - memory coalescing: the 8 lanes of a matrix read and write its 256 contiguous bytes, a warp
//   1 KiB in a row.
// - vectorized memory access: each lane loads its row of A and stores its row of X as two
//   float4 (rows are 32-byte aligned).
// - register tiling: each lane keeps its 16-wide augmented row in registers and updates it
//   with the broadcast pivot row: 16 outputs per thread, each pivot value reused by 7 lanes.
// - loop unrolling: the 8 elimination steps and the 16-column updates are fully unrolled, so
//   the rows stay in registers.
// - warp shuffle reduction: the partial-pivot search is an argmax of |m[r][p]| over the unused
//   rows, reduced with __shfl_xor_sync inside the 8-lane group (ties to the lower row, as the
//   sequential scan); the pivot row is broadcast with __shfl_sync.
// - warp divergence removal: rows are never swapped (a lane remembers the step it served as
//   pivot for and stores its row there at the end), and the normalise / eliminate update is a
//   select instead of a branch on the pivot lane.
#define FULL 0xffffffffu

__global__ void __launch_bounds__(256)
inverse8_kernel(int count, const float *__restrict__ A, float ridge, float *__restrict__ X) {
    const long long gt = (long long)blockIdx.x * blockDim.x + threadIdx.x;
    const long long b = gt >> 3;
    const int r = (int)(gt & 7);
    const bool valid = b < count;  // uniform per 8-lane group: the group stays for the shuffles

    float row[16];
    if (valid) {
        const float4 *a4 = reinterpret_cast<const float4 *>(A + b * 64 + r * 8);
        const float4 u = a4[0], v = a4[1];
        row[0] = u.x; row[1] = u.y; row[2] = u.z; row[3] = u.w;
        row[4] = v.x; row[5] = v.y; row[6] = v.z; row[7] = v.w;
#pragma unroll
        for (int j = 0; j < 8; j++) row[j] += (j == r) ? ridge : 0.0f;
    } else {
#pragma unroll
        for (int j = 0; j < 8; j++) row[j] = (j == r) ? 1.0f : 0.0f;
    }
#pragma unroll
    for (int j = 0; j < 8; j++) row[8 + j] = (j == r) ? 1.0f : 0.0f;

    bool used = false;
    int slot = 0;  // the step this row was the pivot of = its row in the result
#pragma unroll
    for (int p = 0; p < 8; p++) {
        float key = used ? -1.0f : fabsf(row[p]);
        int idx = r;
#pragma unroll
        for (int o = 4; o > 0; o >>= 1) {
            const float ok = __shfl_xor_sync(FULL, key, o, 8);
            const int oi = __shfl_xor_sync(FULL, idx, o, 8);
            if (ok > key || (ok == key && oi < idx)) {
                key = ok;
                idx = oi;
            }
        }
        const bool is_piv = (r == idx);
        const float inv = 1.0f / __shfl_sync(FULL, row[p], idx, 8);
        const float f = is_piv ? 0.0f : row[p];
#pragma unroll
        for (int c = 0; c < 16; c++) {
            const float pc = __shfl_sync(FULL, row[c], idx, 8) * inv;  // normalised pivot row
            row[c] = is_piv ? pc : row[c] - f * pc;
        }
        slot = is_piv ? p : slot;
        used = used || is_piv;
    }

    if (valid) {
        float4 *x4 = reinterpret_cast<float4 *>(X + b * 64 + slot * 8);
        x4[0] = make_float4(row[8], row[9], row[10], row[11]);
        x4[1] = make_float4(row[12], row[13], row[14], row[15]);
    }
}

void inverse8_ridge_batched_f32_device(int count, const float *A, float ridge, float *X) {
    if (count <= 0) return;
    const long long threads = (long long)count * 8;
    inverse8_kernel<<<(unsigned)((threads + 255) / 256), 256>>>(count, A, ridge, X);
}
