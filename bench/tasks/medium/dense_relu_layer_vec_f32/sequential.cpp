#include <cstddef>
#include <vector>

/* A fully connected layer with ReLU: y[i] = max(0, b[i] + sum_j W[i][j] * x[j]) for the
   row-major M x N weight matrix W. */
// regrapht: length W=M*N x=N b=M y=M
void dense_relu_layer_vec_f32(std::vector<float> const& W, std::vector<float> const& x,
                              std::vector<float> const& b, std::vector<float> &y,
                              size_t M, size_t N) {
    for (size_t i = 0; i < M; i++) {
        float s = b[i];
        for (size_t j = 0; j < N; j++) s += W[i * N + j] * x[j];
        y[i] = s > 0.0f ? s : 0.0f;
    }
}
