#include <complex>
#include <cstddef>
#include <vector>

// Sparse complex matrix-vector product y = A x with A in CSR form (row_ptr, col, val), the
// kernel of a Krylov solver for a frequency-domain (Helmholtz, circuit AC) system.
// regrapht: length row_ptr=y.size() + 1 val=col.size()
void csr_spmv_c32(const std::vector<int>& row_ptr, const std::vector<int>& col,
                  const std::vector<std::complex<float>>& val,
                  const std::vector<std::complex<float>>& x, std::vector<std::complex<float>>& y) {
    for (size_t r = 0; r < y.size(); ++r) {
        std::complex<float> sum{};
        for (int j = row_ptr[r]; j < row_ptr[r + 1]; ++j) sum += val[j] * x[col[j]];
        y[r] = sum;
    }
}
