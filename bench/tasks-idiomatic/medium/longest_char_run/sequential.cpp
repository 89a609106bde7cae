#include <algorithm>
#include <cstddef>
#include <string>

// Length of the longest run of one repeated character in the text (spaces count like any
// other character); 0 for an empty text.
size_t longest_char_run(const std::string& s) {
    size_t best = 0, run = 0;
    for (size_t i = 0; i < s.size(); ++i) {
        run = (i > 0 && s[i] == s[i - 1]) ? run + 1 : 1;
        best = std::max(best, run);
    }
    return best;
}
