/* For every vertex of a CSR graph, the sum of the out-degrees of its neighbours
   (neighbour ids outside 0..nv-1 are ignored). */
void neighbor_degree_sum(int nv, const int *row_ptr, const int *col, int *out) {
    for (int v = 0; v < nv; v++) {
        int s = 0;
        for (int j = row_ptr[v]; j < row_ptr[v + 1]; j++) {
            int u = col[j];
            if (u >= 0 && u < nv) s += row_ptr[u + 1] - row_ptr[u];
        }
        out[v] = s;
    }
}
