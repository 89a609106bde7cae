/* Escape-time image of the Mandelbrot set over [-2, 1] x [-1.5, 1.5] (h rows, w columns),
   computed in exact Q4.28 fixed point (64-bit integers, 28 fractional bits), so every machine
   gets the same counts: iters[i][j] = the number of iterations z = z^2 + c (at most 256) that
   stay inside |z|^2 <= 4 for c = (-2 + 3 j / w, -1.5 + 3 i / h). */
// regrapht: length iters=h*w
void mandelbrot_fixed_q28(int h, int w, int *iters) {
    const long long one = 1LL << 28;
    for (int i = 0; i < h; i++) {
        long long ci = -3 * one / 2 + 3 * one * i / h;
        for (int j = 0; j < w; j++) {
            long long cr = -2 * one + 3 * one * j / w;
            long long zr = 0, zi = 0;
            int k = 0;
            while (k < 256) {
                long long zr2 = (zr * zr) >> 28, zi2 = (zi * zi) >> 28;
                if (zr2 + zi2 > 4 * one) break;
                long long two_zrzi = (zr * zi) / (1LL << 27);
                zr = zr2 - zi2 + cr;
                zi = two_zrzi + ci;
                k++;
            }
            iters[i * w + j] = k;
        }
    }
}
