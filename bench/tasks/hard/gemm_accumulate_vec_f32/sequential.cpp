#include <cstddef>
#include <vector>

/* C += A B for row-major matrices: A is M x K, B is K x N, C is M x N (ParEval's gemm, in
   single precision; C accumulates, the caller zeroes it for a plain product). */
// regrapht: length A=M*K B=K*N C=M*N
void gemm_accumulate_vec_f32(std::vector<float> const& A, std::vector<float> const& B,
                             std::vector<float> &C, size_t M, size_t K, size_t N) {
    for (size_t i = 0; i < M; i++) {
        for (size_t k = 0; k < K; k++) {
            float a = A[i * K + k];
            for (size_t j = 0; j < N; j++) C[i * N + j] += a * B[k * N + j];
        }
    }
}
