#include <cstddef>
#include <vector>

/* ReLU of every element of x, in place: x[i] = max(x[i], 0). */
void relu_inplace_vec_f64(std::vector<double> &x) {
    for (size_t i = 0; i < x.size(); i++) {
        if (x[i] < 0.0) x[i] = 0.0;
    }
}
