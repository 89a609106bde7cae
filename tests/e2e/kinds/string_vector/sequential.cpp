#include <vector>
#include <string>
void word_lengths(const std::vector<std::string>& words, std::vector<int>& lens) {
    for (size_t i = 0; i < words.size(); ++i) lens[i] = (int)words[i].size();
}
