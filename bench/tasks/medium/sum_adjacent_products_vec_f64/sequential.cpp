#include <cstddef>
#include <vector>

/* Adds to sum the products of all neighbouring pairs of x: x[0]*x[1] + x[1]*x[2] + ...
   (a lag-1 autocorrelation sum). As with ParEval's reductions the result accumulates into
   sum (the caller zeroes it for a fresh total). */
void sum_adjacent_products_vec_f64(std::vector<double> const& x, double &sum) {
    for (size_t i = 1; i < x.size(); i++) {
        sum += x[i - 1] * x[i];
    }
}
