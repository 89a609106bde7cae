#include <cstddef>
#include <vector>

struct Edge {
    int src, dst;  // directed edge src -> dst
};

// Breadth-first search over a directed graph given as an edge list: level[k] is the number of
// edges on a shortest path from `source` to node k, -1 when k cannot be reached (every node,
// for a source outside 0..n_nodes-1). Builds the adjacency in CSR form first, then runs the
// usual queue-based BFS. Edges with an end outside the node range are ignored.
// regrapht: size n_nodes=4096; range source=0:4095 Edge.src=0:4095 Edge.dst=0:4095
// regrapht: capacity level=n_nodes
void bfs_levels(int n_nodes, int source, const std::vector<Edge>& edges, std::vector<int>& level) {
    level.assign(n_nodes, -1);
    if (source < 0 || source >= n_nodes) return;

    std::vector<int> start(n_nodes + 1, 0);  // CSR row pointers: out-degree counts first
    for (size_t k = 0; k < edges.size(); ++k) {
        const Edge& e = edges[k];
        if (e.src >= 0 && e.src < n_nodes && e.dst >= 0 && e.dst < n_nodes) ++start[e.src + 1];
    }
    for (int u = 0; u < n_nodes; ++u) start[u + 1] += start[u];
    std::vector<int> adj(start[n_nodes]);
    std::vector<int> fill(start.begin(), start.end() - 1);
    for (size_t k = 0; k < edges.size(); ++k) {
        const Edge& e = edges[k];
        if (e.src >= 0 && e.src < n_nodes && e.dst >= 0 && e.dst < n_nodes)
            adj[fill[e.src]++] = e.dst;
    }

    std::vector<int> queue;
    queue.reserve(n_nodes);
    queue.push_back(source);
    level[source] = 0;
    for (size_t head = 0; head < queue.size(); ++head) {
        const int u = queue[head];
        for (int k = start[u]; k < start[u + 1]; ++k) {
            const int v = adj[k];
            if (level[v] < 0) {
                level[v] = level[u] + 1;
                queue.push_back(v);
            }
        }
    }
}
