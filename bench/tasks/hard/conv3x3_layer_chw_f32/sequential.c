/* One 3x3 convolution layer of a CNN (cross-correlation, stride 1, zero padding 1) on a single
   image in CHW layout: cin input planes of h x w, cout filters of cin x 3 x 3, one bias per filter.
   y[co][i][j] = bias[co] + sum over ci, di, dj of wt[co][ci][di][dj] * x[ci][i + di - 1][j + dj - 1],
   taps outside the image counting as zero. */
// regrapht: size cin=16 cout=32
// regrapht: length x=cin*h*w wt=cout*cin*9 bias=cout y=cout*h*w
void conv3x3_layer_chw_f32(int h, int w, int cin, int cout, const float *x, const float *wt,
                           const float *bias, float *y) {
    for (int co = 0; co < cout; co++) {
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) {
                float acc = bias[co];
                for (int ci = 0; ci < cin; ci++) {
                    for (int di = 0; di < 3; di++) {
                        int ii = i + di - 1;
                        if (ii < 0 || ii >= h) continue;
                        for (int dj = 0; dj < 3; dj++) {
                            int jj = j + dj - 1;
                            if (jj < 0 || jj >= w) continue;
                            acc += wt[((co * cin + ci) * 3 + di) * 3 + dj] * x[(ci * h + ii) * w + jj];
                        }
                    }
                }
                y[(co * h + i) * w + j] = acc;
            }
        }
    }
}
