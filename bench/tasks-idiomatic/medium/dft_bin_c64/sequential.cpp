#include <complex>
#include <cstddef>
#include <vector>

// One bin of the discrete Fourier transform,
//   X[k] = sum_n x[n] exp(-2 pi i k n / N),   N = x.size(),
// the way a tone detector evaluates only the frequencies it needs instead of a whole FFT.
// k n is reduced modulo N first, so that the twiddle angle stays within one turn.
constexpr double kPi = 3.14159265358979323846;

// regrapht: range k=0:64
std::complex<double> dft_bin_c64(const std::vector<std::complex<double>>& x, size_t k) {
    const size_t N = x.size();
    std::complex<double> acc(0.0, 0.0);
    for (size_t n = 0; n < N; ++n) {
        const double angle =
            -2.0 * kPi * static_cast<double>((k * n) % N) / static_cast<double>(N);
        acc += x[n] * std::polar(1.0, angle);
    }
    return acc;
}
