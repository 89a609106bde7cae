#include <cstddef>
#include <string>
#include <vector>

// Letter values of the English Scrabble set, 'a' to 'z'.
constexpr int kLetterScore[26] = {1, 3, 3, 2, 1, 4, 2, 4, 1, 8, 5, 1, 3,
                                  1, 1, 3, 10, 1, 1, 1, 1, 4, 4, 8, 4, 10};
constexpr int kBingoLength = 7;  // a word using all seven tiles of a rack...
constexpr int kBingoBonus = 50;  // ...earns a bonus

// The Scrabble score of every word, in order (no board premiums): the sum of its letter
// values, plus the bingo bonus for words of seven letters or more. Characters other than
// a-z score nothing.
void word_scrabble_scores(const std::vector<std::string>& words, std::vector<int>& scores) {
    scores.clear();
    scores.reserve(words.size());
    for (size_t i = 0; i < words.size(); ++i) {
        int s = 0;
        for (char c : words[i])
            if (c >= 'a' && c <= 'z') s += kLetterScore[c - 'a'];
        if (words[i].size() >= kBingoLength) s += kBingoBonus;
        scores.push_back(s);
    }
}
