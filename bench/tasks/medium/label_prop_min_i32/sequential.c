/* label_new[v] = the smallest label among v and its neighbours col[row_ptr[v] ..
   row_ptr[v + 1]) (one Jacobi sweep of connected-components labelling). */
// regrapht: length label=nv label_new=nv
void label_prop_min_i32(int nv, const int *row_ptr, const int *col, const int *label,
                        int *label_new) {
    for (int v = 0; v < nv; v++) {
        int best = label[v];
        for (int e = row_ptr[v]; e < row_ptr[v + 1]; e++) {
            int l = label[col[e]];
            if (l < best) best = l;
        }
        label_new[v] = best;
    }
}
