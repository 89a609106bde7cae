/* One step of LU elimination (Doolittle, no pivoting) on a row-major n x m matrix, in place:
   the first row is the pivot row; every row below it has the pivot row, scaled by its
   multiplier l_i = A[i][0] / A[0][0], subtracted from columns 1..m-1, and the multiplier is
   stored where the eliminated entry was (as LAPACK's getrf stores L). */
// regrapht: range A=1:2
void lu_eliminate_step_f32(int n, int m, float *A) {
    for (int i = 1; i < n; i++) {
        float l = A[i * m] / A[0];
        for (int j = 1; j < m; j++) A[i * m + j] -= l * A[j];
        A[i * m] = l;
    }
}
