// Lexer: tag_re's leftmost, non-greedy, single-line matching written out by hand.
#include "sim/django/template/lexer.h"

#include <algorithm>
#include <optional>
#include <string>

namespace pipelab::django::templates {

namespace {

// tag_re's matching, linear overall: each closer and newline position is found once by a
// forward-moving cursor instead of rescanning the rest of the line from every '{'.
class TagMatcher {
public:
    explicit TagMatcher(std::string_view text) : text_(text) {}

    // The end (one past the closer) of a tag starting at text[i], or nullopt.
    std::optional<std::size_t> tagAt(std::size_t i)
    {
        if (i + 1 >= text_.size() || text_[i] != '{')
            return std::nullopt;
        int kind = 0;
        switch (text_[i + 1]) {
        case '%': kind = 0; break;
        case '{': kind = 1; break;
        case '#': kind = 2; break;
        default: return std::nullopt;
        }
        static constexpr std::string_view kClosers[] = {"%}", "}}", "#}"};
        const std::size_t closer = next(closers_[kind], kClosers[kind], i + 2);
        const std::size_t newline = next(newline_, "\n", i + 2);
        if (closer == std::string_view::npos || newline < closer)
            return std::nullopt;
        return closer + 2;
    }

private:
    std::size_t next(std::size_t& cached, std::string_view needle, std::size_t from)
    {
        if (cached == kUnset || (cached != std::string_view::npos && cached < from))
            cached = text_.find(needle, from);
        return cached;
    }

    static constexpr std::size_t kUnset = std::string_view::npos - 1;
    std::string_view text_;
    std::size_t closers_[3] = {kUnset, kUnset, kUnset};
    std::size_t newline_ = kUnset;
};

} // namespace

std::vector<Token> Lexer::tokenize(std::string_view source)
{
    std::vector<Token> result;
    std::string verbatim; // empty: not inside {% verbatim %}
    int lineno = 1;

    auto createToken = [&](std::string_view tokenString, bool inTag) {
        std::string blockContent;
        if (inTag && tokenString.substr(0, 2) == "{%") {
            blockContent = std::string(strip(tokenString.substr(2, tokenString.size() - 4)));
            if (!verbatim.empty() && blockContent == verbatim)
                verbatim.clear();
        }
        if (inTag && verbatim.empty()) {
            if (tokenString.substr(0, 2) == "{{")
                return Token{Token::Type::Var, std::string(strip(tokenString.substr(2, tokenString.size() - 4))), lineno};
            if (tokenString.substr(0, 2) == "{%") {
                const std::string head = blockContent.substr(0, 9);
                if (head == "verbatim" || head == "verbatim ")
                    verbatim = "end" + blockContent;
                return Token{Token::Type::Block, blockContent, lineno};
            }
            return Token{Token::Type::Comment, std::string(strip(tokenString.substr(2, tokenString.size() - 4))),
                         lineno};
        }
        return Token{Token::Type::Text, std::string(tokenString), lineno};
    };

    TagMatcher matcher(source);
    std::size_t upto = 0;
    std::size_t i = 0;
    while (i < source.size()) {
        const auto end = matcher.tagAt(i);
        if (!end) {
            ++i;
            continue;
        }
        if (i > upto) {
            const std::string_view text = source.substr(upto, i - upto);
            result.push_back(createToken(text, false));
            lineno += static_cast<int>(std::count(text.begin(), text.end(), '\n'));
        }
        const std::string_view tag = source.substr(i, *end - i);
        result.push_back(createToken(tag, true));
        upto = i = *end;
    }
    if (upto < source.size())
        result.push_back(createToken(source.substr(upto), false));
    return result;
}

} // namespace pipelab::django::templates
