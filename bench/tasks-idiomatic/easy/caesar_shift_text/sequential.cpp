#include <cstddef>
#include <string>

// Caesar cipher over lowercase text: every letter a-z moves `shift` places along the
// alphabet, wrapping around (a negative shift moves backwards); any other character is copied
// unchanged. `out` is resized to the length of the text.
void caesar_shift_text(const std::string& text, int shift, std::string& out) {
    const int k = ((shift % 26) + 26) % 26;
    out.resize(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c >= 'a' && c <= 'z')
            out[i] = static_cast<char>('a' + (c - 'a' + k) % 26);
        else
            out[i] = c;
    }
}
