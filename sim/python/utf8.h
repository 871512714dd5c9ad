// UTF-8 helpers shared by the lexer (escapes), builtins (chr) and str methods (case mapping):
// Python strings are sequences of code points, stored here as UTF-8 bytes.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace pipelab::py {

inline void appendUtf8(std::string& out, std::uint32_t cp)
{
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// The code points of `s` (assumed valid UTF-8: the scenario loader rejects anything else).
inline std::vector<std::uint32_t> decodeUtf8(const std::string& s)
{
    std::vector<std::uint32_t> out;
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::uint32_t cp = c;
        std::size_t len = 1;
        if (c >= 0xF0) {
            cp = c & 0x07u;
            len = 4;
        } else if (c >= 0xE0) {
            cp = c & 0x0Fu;
            len = 3;
        } else if (c >= 0xC0) {
            cp = c & 0x1Fu;
            len = 2;
        }
        for (std::size_t k = 1; k < len && i + k < s.size(); ++k)
            cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
        out.push_back(cp);
        i += len;
    }
    return out;
}

} // namespace pipelab::py
