#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>

constexpr uint32_t kAdlerMod = 65521;  // the largest prime below 2^16
constexpr size_t kAdlerNmax = 5552;    // most bytes before b can overflow 32 bits

// Adler-32 checksum of a byte string (RFC 1950), the way zlib computes it: a is 1 plus the sum
// of the bytes, b the sum of the successive values of a, both modulo 65521, reduced only
// every kAdlerNmax bytes; the result is b << 16 | a.
uint32_t adler32_checksum(const std::string& data) {
    uint32_t a = 1, b = 0;
    size_t pos = 0, len = data.size();
    while (len > 0) {
        size_t chunk = std::min(len, kAdlerNmax);
        len -= chunk;
        do {
            a += static_cast<unsigned char>(data[pos++]);
            b += a;
        } while (--chunk);
        a %= kAdlerMod;
        b %= kAdlerMod;
    }
    return (b << 16) | a;
}
