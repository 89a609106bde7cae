#include <cstddef>
#include <iterator>
#include <numeric>
#include <vector>

// Dense matrix-vector product y = A x for a row-major matrix A with y.size() rows and
// x.size() columns, one std::inner_product per row.
// regrapht: length A=y.size() * x.size()
void gemv_inner_product_f32(const std::vector<float>& A, const std::vector<float>& x,
                            std::vector<float>& y) {
    const size_t cols = x.size();
    for (size_t r = 0; r < y.size(); ++r) {
        const auto row = A.begin() + static_cast<std::ptrdiff_t>(r * cols);
        y[r] = std::inner_product(row, row + static_cast<std::ptrdiff_t>(cols), x.begin(), 0.0f);
    }
}
