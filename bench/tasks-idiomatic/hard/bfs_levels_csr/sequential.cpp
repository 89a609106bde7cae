#include <algorithm>
#include <cstddef>
#include <queue>
#include <vector>

// Breadth-first search from vertex 0 of a directed graph in CSR form (the out-neighbours of u
// are col[row_ptr[u]] .. col[row_ptr[u + 1] - 1]): level[v] is the number of edges of a
// shortest path from 0 to v, -1 when v cannot be reached. A std::queue holds the frontier.
// regrapht: length row_ptr=level.size() + 1
void bfs_levels_csr(const std::vector<int>& row_ptr, const std::vector<int>& col,
                    std::vector<int>& level) {
    std::fill(level.begin(), level.end(), -1);
    if (level.empty()) return;
    std::queue<int> frontier;
    level[0] = 0;
    frontier.push(0);
    while (!frontier.empty()) {
        const int u = frontier.front();
        frontier.pop();
        for (int j = row_ptr[u]; j < row_ptr[u + 1]; ++j) {
            const int v = col[j];
            if (level[v] < 0) {
                level[v] = level[u] + 1;
                frontier.push(v);
            }
        }
    }
}
