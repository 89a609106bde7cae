#include <cstddef>
#include <vector>

struct Edge {
    int u, v;  // end points
    float w;   // weight (not needed here)
};

// Degree of every node of an undirected multigraph given as an edge list: the number of edge
// ends at that node (a self-loop adds 2, as in the handshake lemma). Edges with an end
// outside 0..n_nodes-1 are ignored. `degree` is reset to n_nodes zeros first.
// regrapht: size n_nodes=4096; range Edge.u=0:4095 Edge.v=0:4095
// regrapht: capacity degree=n_nodes
void edge_degree_counts(int n_nodes, const std::vector<Edge>& edges, std::vector<int>& degree) {
    degree.assign(n_nodes, 0);
    for (size_t i = 0; i < edges.size(); ++i) {
        const Edge& e = edges[i];
        if (e.u < 0 || e.u >= n_nodes || e.v < 0 || e.v >= n_nodes) continue;
        ++degree[e.u];
        ++degree[e.v];
    }
}
