/* All-pairs shortest paths (Floyd-Warshall), in place on the dense n x n distance matrix d
   (row-major, d[i][j] = weight of the edge i -> j; weights are non-negative integers). */
// regrapht: range d=0:1000
// regrapht: length d=n*n
void floyd_warshall_blocked_i32(int n, int *d) {
    for (int k = 0; k < n; k++) {
        for (int i = 0; i < n; i++) {
            int dik = d[i * n + k];
            for (int j = 0; j < n; j++) {
                int via = dik + d[k * n + j];
                if (via < d[i * n + j]) d[i * n + j] = via;
            }
        }
    }
}
