#include <cstddef>
#include <string>
#include <vector>

static inline bool is_vowel(char c) {
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

// How many of the words start with a vowel (a, e, i, o, u); an empty word does not count.
size_t count_vowel_initial_words(const std::vector<std::string>& words) {
    size_t count = 0;
    for (size_t i = 0; i < words.size(); ++i)
        if (!words[i].empty() && is_vowel(words[i][0])) ++count;
    return count;
}
