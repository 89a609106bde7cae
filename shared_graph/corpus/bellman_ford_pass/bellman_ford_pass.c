#include <limits.h>
/* One Jacobi-style Bellman-Ford relaxation pass over an edge list: every edge (src, dst, w)
   relaxes dist_out[dst] with dist_in[src] + w; unreachable vertices hold INT_MAX. */
void bellman_ford_pass(int nv, int ne, const int *src, const int *dst, const int *w,
                       const int *dist_in, int *dist_out) {
    for (int v = 0; v < nv; v++) dist_out[v] = dist_in[v];
    for (int e = 0; e < ne; e++) {
        int du = dist_in[src[e]];
        if (du == INT_MAX) continue;
        int cand = du + w[e];
        if (cand < dist_out[dst[e]]) dist_out[dst[e]] = cand;
    }
}
