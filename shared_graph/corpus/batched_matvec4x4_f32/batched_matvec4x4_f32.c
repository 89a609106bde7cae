/* out_b = M_b v_b for `count` independent 4x4 matrices (row-major, 16 floats each) and
   4-vectors, e.g. transforming homogeneous points each with its own matrix. */
// regrapht: length M=count*16 v=count*4 out=count*4
void batched_matvec4x4_f32(int count, const float *M, const float *v, float *out) {
    for (int b = 0; b < count; b++) {
        for (int r = 0; r < 4; r++) {
            float s = 0.0f;
            for (int c = 0; c < 4; c++) s += M[b * 16 + r * 4 + c] * v[b * 4 + c];
            out[b * 4 + r] = s;
        }
    }
}
