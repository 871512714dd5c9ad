// Lexer implementation: a single pass over the block with an indentation stack and a bracket
// stack, following CPython's tokenizer rules and error wording where scenarios can meet them.
#include "sim/python/lexer.h"
#include "sim/python/utf8.h"

#include "sim/python/syntaxerror.h"

#include <array>
#include <charconv>
#include <cstring>
#include <string_view>

namespace pipelab::py {

namespace {

bool isIdentStart(char c)
{
    const auto u = static_cast<unsigned char>(c);
    return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || u == '_' || u >= 0x80;
}

bool isIdentChar(char c)
{
    return isIdentStart(c) || (c >= '0' && c <= '9');
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

constexpr std::array<std::string_view, 24> kLongOperators = {
    "**=", "//=", ">>=", "<<=", "...", "!=", "==", "<=", ">=", "**", "//", "<<",
    ">>",  "->",  ":=",  "+=",  "-=",  "*=", "/=", "%=", "&=", "|=", "^=", "@=",
};
constexpr std::string_view kShortOperators = "+-*/%@&|^~<>()[]{},:.;=";

const char* const kReserved[] = {
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
};

} // namespace

bool isReservedWord(const std::string& word)
{
    for (const char* r : kReserved)
        if (word == r)
            return true;
    return false;
}

Lexer::Lexer(std::string_view text, Origin origin, std::string kind)
    : text_(text), origin_(origin), kind_(std::move(kind))
{
}

void Lexer::fail(const std::string& message, int line, int column) const
{
    throw SyntaxError(message, kind_, line + origin_.line - 1, column + origin_.column - 1);
}

void Lexer::advance(std::size_t n)
{
    for (std::size_t i = 0; i < n && pos_ < text_.size(); ++i) {
        if (text_[pos_] == '\n') {
            ++line_;
            lineStart_ = pos_ + 1;
        }
        ++pos_;
    }
}

std::vector<Token> Lexer::tokenize()
{
    std::vector<Token> out;
    std::vector<int> indents{0};
    struct Bracket {
        char c;
        int line;
        int column;
    };
    std::vector<Bracket> brackets;
    bool atLineStart = true;

    auto emit = [&](TokenKind kind, std::string text, int line, int column) {
        Token t;
        t.kind = kind;
        t.text = std::move(text);
        t.line = line;
        t.column = column;
        out.push_back(std::move(t));
    };

    while (true) {
        if (atLineStart && brackets.empty()) {
            int width = 0;
            std::size_t p = pos_;
            while (p < text_.size() && (text_[p] == ' ' || text_[p] == '\t' || text_[p] == '\f')) {
                width = text_[p] == '\t' ? (width / 8 + 1) * 8 : width + 1;
                ++p;
            }
            if (p >= text_.size()) {
                pos_ = p;
                break;
            }
            if (text_[p] == '\n' || text_[p] == '#' || text_[p] == '\r') {
                while (p < text_.size() && text_[p] != '\n')
                    ++p;
                pos_ = p;
                if (pos_ < text_.size())
                    advance();
                continue;
            }
            pos_ = p;
            if (width > indents.back()) {
                indents.push_back(width);
                if (static_cast<int>(indents.size()) - 1 > kMaxIndentLevels)
                    fail("too many levels of indentation", line_, 1);
                emit(TokenKind::Indent, "", line_, column());
            } else {
                while (width < indents.back()) {
                    indents.pop_back();
                    emit(TokenKind::Dedent, "", line_, column());
                }
                if (width != indents.back())
                    fail("unindent does not match any outer indentation level", line_, column());
            }
            atLineStart = false;
        }

        const char c = peek();
        if (pos_ >= text_.size())
            break;
        if (c == '\n') {
            if (brackets.empty()) {
                emit(TokenKind::Newline, "", line_, column());
                atLineStart = true;
            }
            advance();
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\f' || c == '\r') {
            advance();
            continue;
        }
        if (c == '#') {
            while (pos_ < text_.size() && text_[pos_] != '\n')
                ++pos_;
            continue;
        }
        if (c == '\\') {
            std::size_t ahead = 1;
            if (peek(1) == '\r')
                ahead = 2;
            if (peek(ahead) == '\n') {
                advance(ahead + 1);
                continue;
            }
            if (pos_ + ahead >= text_.size())
                fail("unexpected EOF while parsing", line_, column());
            fail("unexpected character after line continuation character", line_, column());
        }
        if (isIdentStart(c)) {
            const std::size_t start = pos_;
            const int col = column();
            while (isIdentChar(peek()))
                ++pos_;
            std::string word(text_.substr(start, pos_ - start));
            if (peek() == '"' || peek() == '\'') {
                std::string lower;
                for (char ch : word)
                    lower += static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
                if (lower == "b" || lower == "br" || lower == "rb")
                    fail("bytes literals are not supported in PipeLab scenarios", line_, col);
                if (lower == "r" || lower == "u" || lower == "f" || lower == "rf" || lower == "fr") {
                    lexString(out, start, lower.find('r') != std::string::npos, lower.find('f') != std::string::npos);
                    continue;
                }
            }
            emit(TokenKind::Name, std::move(word), line_, col);
            continue;
        }
        if (isDigit(c) || (c == '.' && isDigit(peek(1)))) {
            lexNumber(out);
            continue;
        }
        if (c == '"' || c == '\'') {
            lexString(out, pos_, false, false);
            continue;
        }
        std::string_view op;
        for (std::string_view candidate : kLongOperators) {
            if (text_.substr(pos_, candidate.size()) == candidate) {
                op = candidate;
                break;
            }
        }
        if (op.empty() && kShortOperators.find(c) != std::string_view::npos)
            op = text_.substr(pos_, 1);
        if (op.empty()) {
            if (c == '!')
                fail("invalid syntax", line_, column());
            if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
                fail("invalid non-printable character", line_, column());
            fail(std::string("invalid character '") + c + "'", line_, column());
        }
        const int col = column();
        if (op == "(" || op == "[" || op == "{") {
            brackets.push_back({op[0], line_, col});
        } else if (op == ")" || op == "]" || op == "}") {
            if (brackets.empty())
                fail("unmatched '" + std::string(op) + "'", line_, col);
            const char open = brackets.back().c;
            const char expected = open == '(' ? ')' : open == '[' ? ']' : '}';
            if (op[0] != expected)
                fail("closing parenthesis '" + std::string(op) + "' does not match opening parenthesis '" +
                         std::string(1, open) + "'",
                     line_, col);
            brackets.pop_back();
        }
        emit(TokenKind::Op, std::string(op), line_, col);
        pos_ += op.size();
    }

    if (!brackets.empty())
        fail("'" + std::string(1, brackets.back().c) + "' was never closed", brackets.back().line, brackets.back().column);
    if (!out.empty() && out.back().kind != TokenKind::Newline && out.back().kind != TokenKind::Dedent)
        emit(TokenKind::Newline, "", line_, column());
    while (indents.size() > 1) {
        indents.pop_back();
        emit(TokenKind::Dedent, "", line_, column());
    }
    emit(TokenKind::EndOfFile, "", line_, column());
    return out;
}

void Lexer::lexString(std::vector<Token>& out, std::size_t prefixStart, bool raw, bool fstring)
{
    const int startLine = line_;
    const int startCol = static_cast<int>(prefixStart - lineStart_) + 1;
    const char quote = peek();
    const bool triple = peek(1) == quote && peek(2) == quote;
    advance(triple ? 3 : 1);
    const int bodyLine = line_;
    const int bodyCol = column();
    const std::size_t bodyStart = pos_;
    std::size_t bodyEnd = 0;
    while (true) {
        if (pos_ >= text_.size()) {
            if (triple)
                fail("unterminated triple-quoted string literal (detected at line " +
                         std::to_string(line_ + origin_.line - 1) + ")",
                     startLine, startCol);
            fail("unterminated string literal (detected at line " + std::to_string(line_ + origin_.line - 1) + ")",
                 startLine, startCol);
        }
        const char ch = peek();
        if (ch == '\\') {
            advance(2);
            continue;
        }
        if (ch == '\n' && !triple)
            fail("unterminated string literal (detected at line " + std::to_string(line_ + origin_.line - 1) + ")",
                 startLine, startCol);
        if (ch == quote) {
            if (!triple) {
                bodyEnd = pos_;
                advance();
                break;
            }
            if (peek(1) == quote && peek(2) == quote) {
                bodyEnd = pos_;
                advance(3);
                break;
            }
        }
        advance();
    }
    const std::string_view body = text_.substr(bodyStart, bodyEnd - bodyStart);
    Token t;
    t.line = startLine;
    t.column = startCol;
    t.bodyLine = bodyLine;
    t.bodyColumn = bodyCol;
    t.raw = raw;
    if (fstring) {
        t.kind = TokenKind::FString;
        t.text = std::string(body);
    } else {
        t.kind = TokenKind::String;
        t.text = raw ? std::string(body) : decodeEscapes(body, bodyLine, bodyCol, origin_, kind_);
    }
    out.push_back(std::move(t));
}

std::string Lexer::decodeEscapes(std::string_view body, int line, int column, const Origin& origin,
                                 const std::string& kind)
{
    std::string out;
    out.reserve(body.size());
    auto fail = [&](const std::string& message) {
        throw SyntaxError(message, kind, line + origin.line - 1, column + origin.column - 1);
    };
    auto hexValue = [](char c) -> int {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
            return c - 'A' + 10;
        return -1;
    };
    for (std::size_t i = 0; i < body.size(); ++i) {
        const char c = body[i];
        if (c != '\\' || i + 1 >= body.size()) {
            out += c;
            continue;
        }
        const char e = body[++i];
        switch (e) {
        case '\n': break;
        case '\\': out += '\\'; break;
        case '\'': out += '\''; break;
        case '"': out += '"'; break;
        case 'a': out += '\a'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'v': out += '\v'; break;
        case 'x':
        case 'u':
        case 'U': {
            const std::size_t digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
            unsigned cp = 0;
            for (std::size_t k = 0; k < digits; ++k) {
                const int h = i + 1 + k < body.size() ? hexValue(body[i + 1 + k]) : -1;
                if (h < 0)
                    fail(std::string("(unicode error) truncated \\") + e + " escape");
                cp = cp * 16 + static_cast<unsigned>(h);
            }
            if (cp > 0x10FFFF)
                fail("(unicode error) illegal Unicode character");
            i += digits;
            appendUtf8(out, cp);
            break;
        }
        case 'N': fail("\\N{...} escapes are not supported in PipeLab scenarios"); break;
        default:
            if (e >= '0' && e <= '7') {
                unsigned cp = static_cast<unsigned>(e - '0');
                for (int k = 0; k < 2 && i + 1 < body.size() && body[i + 1] >= '0' && body[i + 1] <= '7'; ++k)
                    cp = cp * 8 + static_cast<unsigned>(body[++i] - '0');
                appendUtf8(out, cp);
            } else {
                out += '\\';
                out += e;
            }
        }
    }
    return out;
}

void Lexer::lexNumber(std::vector<Token>& out)
{
    const int col = column();
    const std::size_t start = pos_;
    Token t;
    t.line = line_;
    t.column = col;
    std::string digits;
    auto takeDigits = [&](auto accept) {
        while (accept(peek()) || (peek() == '_' && accept(peek(1)))) {
            if (peek() != '_')
                digits += peek();
            ++pos_;
        }
    };
    int base = 10;
    bool isFloat = false;
    if (peek() == '0' && (peek(1) == 'x' || peek(1) == 'X' || peek(1) == 'o' || peek(1) == 'O' || peek(1) == 'b' ||
                          peek(1) == 'B')) {
        const char p = static_cast<char>(peek(1) | 0x20);
        base = p == 'x' ? 16 : p == 'o' ? 8 : 2;
        pos_ += 2;
        if (peek() == '_')
            ++pos_;
        takeDigits([base](char c) {
            if (base == 16)
                return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            return c >= '0' && c < static_cast<char>('0' + base);
        });
        if (digits.empty())
            fail(base == 16 ? "invalid hexadecimal literal" : base == 8 ? "invalid octal literal" : "invalid binary literal",
                 line_, col);
    } else {
        takeDigits(isDigit);
        if (peek() == '.' && !(peek(1) == '.' && peek(2) == '.')) {
            isFloat = true;
            digits += '.';
            ++pos_;
            takeDigits(isDigit);
        }
        if ((peek() == 'e' || peek() == 'E') &&
            (isDigit(peek(1)) || ((peek(1) == '+' || peek(1) == '-') && isDigit(peek(2))))) {
            isFloat = true;
            digits += 'e';
            ++pos_;
            if (peek() == '+' || peek() == '-') {
                digits += peek();
                ++pos_;
            }
            takeDigits(isDigit);
        }
    }
    if (peek() == 'j' || peek() == 'J')
        fail("complex numbers are not supported in PipeLab scenarios", line_, col);
    if (isIdentChar(peek()))
        fail(base == 10 ? "invalid decimal literal" : "invalid digit in literal", line_, column());
    t.text = std::string(text_.substr(start, pos_ - start));
    if (isFloat) {
        t.kind = TokenKind::Float;
        const auto res = std::from_chars(digits.data(), digits.data() + digits.size(), t.floatValue);
        if (res.ec == std::errc::result_out_of_range)
            t.floatValue = digits.find("e-") != std::string::npos ? 0.0 : __builtin_huge_val();
    } else {
        t.kind = TokenKind::Int;
        if (base == 10 && digits.size() > 1 && digits[0] == '0' && digits.find_first_not_of('0') != std::string::npos)
            fail("leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
                 line_, col);
        std::uint64_t value = 0;
        const auto res = std::from_chars(digits.data(), digits.data() + digits.size(), value, base);
        if (res.ec != std::errc() || value > static_cast<std::uint64_t>(INT64_MAX))
            fail("integer literal too large (PipeLab integers are 64-bit)", line_, col);
        t.intValue = static_cast<std::int64_t>(value);
    }
    out.push_back(std::move(t));
}

} // namespace pipelab::py
