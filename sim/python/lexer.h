// Lexer: Python source text → tokens, with INDENT/DEDENT, implicit line joining inside brackets,
// backslash continuation and comments. Errors are thrown as SyntaxError with YAML positions.
#pragma once

#include "sim/python/sourceloc.h"
#include "sim/python/token.h"

#include <string>
#include <string_view>
#include <vector>

namespace pipelab::py {

class Lexer {
public:
    // kind labels errors ("views"); origin maps block positions to YAML positions.
    Lexer(std::string_view text, Origin origin = {}, std::string kind = "code");

    // The whole token stream, ending with NEWLINE (when the last line had tokens), the DEDENTs
    // and EndOfFile. Throws SyntaxError.
    std::vector<Token> tokenize();

    // Decode backslash escapes of a (non-raw) string body. Throws SyntaxError at (line, column).
    static std::string decodeEscapes(std::string_view body, int line, int column, const Origin& origin,
                                     const std::string& kind);

    static constexpr int kMaxIndentLevels = 100;

private:
    [[noreturn]] void fail(const std::string& message, int line, int column) const;
    void lexString(std::vector<Token>& out, std::size_t prefixStart, bool raw, bool fstring);
    void lexNumber(std::vector<Token>& out);
    char peek(std::size_t ahead = 0) const { return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0'; }
    void advance(std::size_t n = 1);
    int column() const { return static_cast<int>(pos_ - lineStart_) + 1; }

    std::string_view text_;
    Origin origin_;
    std::string kind_;
    std::size_t pos_ = 0;
    std::size_t lineStart_ = 0;
    int line_ = 1;
};

} // namespace pipelab::py
