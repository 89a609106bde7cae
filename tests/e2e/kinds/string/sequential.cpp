#include <string>

// Caesar shift of lower-case letters; everything else is copied.
void rot13(const std::string& text, std::string& out) {
    out.resize(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        out[i] = (c >= 'a' && c <= 'z') ? char('a' + (c - 'a' + 13) % 26) : c;
    }
}
