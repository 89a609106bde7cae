#include <cstddef>
#include <vector>

struct Triplet {
    int row, col;
    double val;
};

// y = A x for a sparse matrix A given as unsorted (row, col, value) triplets, the coordinate
// format an assembly loop produces: duplicate entries add up, entries outside the matrix
// (y.size() rows, x.size() columns) are ignored.
// regrapht: length x=4096 y=4096; range Triplet.row=0:4095 Triplet.col=0:4095
void coo_triplet_matvec(const std::vector<Triplet>& A, const std::vector<double>& x,
                        std::vector<double>& y) {
    for (size_t r = 0; r < y.size(); ++r) y[r] = 0.0;
    for (size_t k = 0; k < A.size(); ++k) {
        const Triplet& t = A[k];
        if (t.row < 0 || t.col < 0 || size_t(t.row) >= y.size() || size_t(t.col) >= x.size())
            continue;
        y[t.row] += t.val * x[t.col];
    }
}
