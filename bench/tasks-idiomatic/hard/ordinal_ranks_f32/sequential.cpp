#include <algorithm>
#include <cstddef>
#include <numeric>
#include <vector>

// Top-down merge sort of an index permutation by key, recursive, with one scratch buffer.
// Stable: an element of the right half goes first only when its key is strictly smaller.
static void merge_sort_indices(const std::vector<float>& key, std::vector<int>& idx,
                               std::vector<int>& tmp, size_t lo, size_t hi) {
    if (hi - lo < 2) return;
    const size_t mid = lo + (hi - lo) / 2;
    merge_sort_indices(key, idx, tmp, lo, mid);
    merge_sort_indices(key, idx, tmp, mid, hi);
    size_t a = lo, b = mid, out = lo;
    while (a < mid && b < hi) tmp[out++] = key[idx[b]] < key[idx[a]] ? idx[b++] : idx[a++];
    while (a < mid) tmp[out++] = idx[a++];
    while (b < hi) tmp[out++] = idx[b++];
    std::copy(tmp.begin() + static_cast<std::ptrdiff_t>(lo),
              tmp.begin() + static_cast<std::ptrdiff_t>(hi),
              idx.begin() + static_cast<std::ptrdiff_t>(lo));
}

// Ordinal ranks of a sample (scipy.stats.rankdata(x, method='ordinal') - 1): rank[i] is the
// position of x[i] in ascending order, equal values ranked by their index. The rank transform
// behind Spearman's correlation and quantile normalisation.
// regrapht: length rank=x.size()
void ordinal_ranks_f32(const std::vector<float>& x, std::vector<int>& rank) {
    std::vector<int> order(x.size());
    std::iota(order.begin(), order.end(), 0);
    std::vector<int> scratch(x.size());
    merge_sort_indices(x, order, scratch, 0, x.size());
    for (size_t pos = 0; pos < order.size(); ++pos) rank[order[pos]] = static_cast<int>(pos);
}
