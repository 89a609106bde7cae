#include <cstddef>
#include <vector>

struct Edge {
    int u, v;  // directed edge u -> v
    float w;   // its length (non-negative)
};

// One round of Bellman-Ford for single-source shortest paths, Jacobi style: next[v] is the
// smallest of dist[v] and dist[u] + w over the edges u -> v. Relaxing from the previous round's
// distances (not in place) makes the result independent of the order of the edges. Edges
// with an end outside the node range of dist are skipped.
// regrapht: length dist=4096; range dist=0:100 Edge.u=0:4095 Edge.v=0:4095 Edge.w=0:10
// regrapht: capacity next=dist.size()
void bellman_ford_round(const std::vector<Edge>& edges, const std::vector<float>& dist,
                        std::vector<float>& next) {
    next.assign(dist.begin(), dist.end());
    const size_t n = dist.size();
    for (size_t i = 0; i < edges.size(); ++i) {
        const Edge& e = edges[i];
        if (e.u < 0 || e.v < 0 || size_t(e.u) >= n || size_t(e.v) >= n) continue;
        const float cand = dist[e.u] + e.w;
        if (cand < next[e.v]) next[e.v] = cand;
    }
}
