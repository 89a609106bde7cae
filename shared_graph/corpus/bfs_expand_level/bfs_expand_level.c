/* One level of a top-down breadth-first search on a CSR graph. Every unvisited neighbour
   (dist < 0) of a frontier vertex gets distance level + 1 and joins the next frontier. */
// regrapht: range frontier=0:1 level=0:1000; length dist=nv
void bfs_expand_level(int nv, const int *row_ptr, const int *col, const unsigned char *frontier,
                      int level, int *dist, unsigned char *next) {
    for (int v = 0; v < nv; v++) next[v] = 0;
    for (int v = 0; v < nv; v++) {
        if (!frontier[v]) continue;
        for (int j = row_ptr[v]; j < row_ptr[v + 1]; j++) {
            int u = col[j];
            if (dist[u] < 0) {
                dist[u] = level + 1;
                next[u] = 1;
            }
        }
    }
}
