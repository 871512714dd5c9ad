// A line-by-line port of django.utils.regex_helper.normalize() and its helpers. The Python works
// on an iterator that raises StopIteration at the end of the pattern; here `Stop` plays that part.
#include "sim/django/urls/regexhelper.h"

#include "sim/django/urls/urlerror.h"

#include <optional>

namespace pipelab::django::urls {

namespace {

struct Stop {};

constexpr std::size_t kMaxForms = 4096;

struct Token {
    std::string ch; // one code point, UTF-8
    bool escaped = false;
};

// next_char(): escapes replaced by a representative; \A \b \B \Z dropped.
std::vector<Token> tokenize(std::string_view pattern)
{
    std::vector<Token> out;
    std::size_t i = 0;
    auto codePoint = [&](std::size_t at) {
        std::size_t len = 1;
        const auto c = static_cast<unsigned char>(pattern[at]);
        if (c >= 0xf0)
            len = 4;
        else if (c >= 0xe0)
            len = 3;
        else if (c >= 0xc0)
            len = 2;
        return std::string(pattern.substr(at, len));
    };
    while (i < pattern.size()) {
        std::string ch = codePoint(i);
        i += ch.size();
        if (ch != "\\") {
            out.push_back({ch, false});
            continue;
        }
        if (i >= pattern.size())
            break; // the generator's StopIteration ends iteration
        ch = codePoint(i);
        i += ch.size();
        if (ch == "A" || ch == "b" || ch == "B" || ch == "Z")
            continue;
        if (ch == "d")
            ch = "0";
        else if (ch == "D" || ch == "S" || ch == "w")
            ch = "x";
        else if (ch == "s")
            ch = " ";
        else if (ch == "W")
            ch = "!";
        out.push_back({ch, true});
    }
    return out;
}

struct Element {
    enum class Kind { Char, Group, NonCapture, Choice, Nothing };
    Kind kind = Kind::Char;
    std::string text;                 // Char: the character; Group: the "%(name)s" format
    std::optional<std::string> param; // Group: the parameter (None for a named backreference)
    std::vector<Element> items;       // NonCapture / Choice
};

class Cursor {
public:
    explicit Cursor(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}
    Token next()
    {
        if (pos_ >= tokens_.size())
            throw Stop{};
        return tokens_[pos_++];
    }
    std::optional<Token> tryNext()
    {
        if (pos_ >= tokens_.size())
            return std::nullopt;
        return tokens_[pos_++];
    }

private:
    std::vector<Token> tokens_;
    std::size_t pos_ = 0;
};

void walkToEnd(const std::string& ch, Cursor& it)
{
    int nesting = ch == "(" ? 1 : 0;
    while (auto t = it.tryNext()) {
        if (t->escaped)
            continue;
        if (t->ch == "(") {
            ++nesting;
        } else if (t->ch == ")") {
            if (nesting == 0)
                return;
            --nesting;
        }
    }
}

// get_quantifier(): the minimum count and the look-ahead character, if one was read.
std::pair<long long, std::optional<Token>> getQuantifier(const std::string& ch, Cursor& it)
{
    if (ch == "*" || ch == "?" || ch == "+") {
        std::optional<Token> ch2 = it.tryNext();
        if (ch2 && ch2->ch == "?")
            ch2.reset();
        return {ch == "+" ? 1 : 0, ch2};
    }
    std::string quant;
    std::string c = ch;
    while (c != "}") {
        c = it.next().ch;
        quant += c;
    }
    quant.pop_back();
    const std::string first = quant.substr(0, quant.find(','));
    long long value = 0;
    bool digits = !first.empty();
    for (const char d : first)
        digits = digits && d >= '0' && d <= '9';
    if (!digits)
        throw UrlError(UrlError::Kind::ValueError,
                       "invalid literal for int() with base 10: '" + first + "'");
    value = std::stoll(first.substr(0, 18));
    std::optional<Token> next = it.tryNext();
    if (next && next->ch == "?")
        next.reset();
    return {value, next};
}

bool contains(const Element& source, Element::Kind kind)
{
    if (source.kind == kind)
        return true;
    if (source.kind == Element::Kind::NonCapture)
        for (const auto& e : source.items)
            if (contains(e, kind))
                return true;
    return false;
}

using Flat = std::pair<std::vector<std::string>, std::vector<std::vector<std::string>>>;

Flat flattenSequence(const std::vector<Element>& source);

Flat flatten(const Element& source)
{
    if (source.kind == Element::Kind::Nothing)
        return {{""}, {{}}};
    if (source.kind == Element::Kind::Group) {
        std::vector<std::string> params;
        if (source.param)
            params.push_back(*source.param);
        return {{source.text}, {params}};
    }
    if (source.kind == Element::Kind::Char)
        return {{source.text}, {{}}};
    return flattenSequence(source.items);
}

Flat flattenSequence(const std::vector<Element>& source)
{
    std::vector<std::string> result{""};
    std::vector<std::vector<std::string>> resultArgs{{}};
    std::size_t last = 0;
    for (std::size_t pos = 0; pos < source.size(); ++pos) {
        const Element& elt = source[pos];
        if (elt.kind == Element::Kind::Char)
            continue;
        std::string piece;
        for (std::size_t k = last; k < pos; ++k)
            piece += source[k].text;
        std::optional<std::string> param;
        if (elt.kind == Element::Kind::Group) {
            piece += elt.text;
            param = elt.param;
        }
        last = pos + 1;
        for (std::size_t i = 0; i < result.size(); ++i) {
            result[i] += piece;
            if (param && !param->empty())
                resultArgs[i].push_back(*param);
        }
        if (elt.kind == Element::Kind::Choice || elt.kind == Element::Kind::NonCapture) {
            std::vector<std::string> innerResult;
            std::vector<std::vector<std::string>> innerArgs;
            auto absorb = [&](const Flat& f) {
                innerResult.insert(innerResult.end(), f.first.begin(), f.first.end());
                innerArgs.insert(innerArgs.end(), f.second.begin(), f.second.end());
            };
            if (elt.kind == Element::Kind::NonCapture)
                absorb(flattenSequence(elt.items));
            else
                for (const auto& item : elt.items)
                    absorb(flatten(item));
            std::vector<std::string> newResult;
            std::vector<std::vector<std::string>> newArgs;
            // Each optional group with parameters doubles the forms; bound them.
            if (result.size() * innerResult.size() > kMaxForms)
                throw UrlError(UrlError::Kind::ValueError,
                               "regex has too many optional groups to reverse (more than " + std::to_string(kMaxForms) +
                                   " URL forms)");
            for (std::size_t i = 0; i < result.size(); ++i) {
                for (std::size_t j = 0; j < innerResult.size(); ++j) {
                    newResult.push_back(result[i] + innerResult[j]);
                    auto args = resultArgs[i];
                    args.insert(args.end(), innerArgs[j].begin(), innerArgs[j].end());
                    newArgs.push_back(std::move(args));
                }
            }
            result = std::move(newResult);
            resultArgs = std::move(newArgs);
        }
    }
    // Trailing literal characters (Python's `if pos >= last`).
    std::string tail;
    for (std::size_t k = last; k < source.size(); ++k)
        tail += source[k].text;
    for (auto& r : result)
        r += tail;
    return {result, resultArgs};
}

Element& back(std::vector<Element>& result)
{
    if (result.empty())
        throw UrlError(UrlError::Kind::IndexError, "list index out of range");
    return result.back();
}

} // namespace

std::vector<NormalizedForm> normalize(std::string_view pattern)
{
    std::vector<Element> result;
    std::vector<std::size_t> nonCapturingGroups;
    bool consumeNext = true;
    Cursor it(tokenize(pattern));
    int numArgs = 0;

    Token tok;
    try {
        tok = it.next();
    } catch (const Stop&) {
        return {{"", {}}};
    }
    auto literal = [](std::string ch) {
        Element e;
        e.text = std::move(ch);
        return e;
    };
    auto group = [](std::string name, std::optional<std::string> param) {
        Element e;
        e.kind = Element::Kind::Group;
        e.text = "%(" + name + ")s";
        e.param = std::move(param);
        return e;
    };

    try {
        while (true) {
            const std::string& ch = tok.ch;
            if (tok.escaped) {
                result.push_back(literal(ch));
            } else if (ch == ".") {
                result.push_back(literal("."));
            } else if (ch == "|") {
                return {{"", {}}}; // Django: "Awaiting Implementation"
            } else if (ch == "^") {
            } else if (ch == "$") {
                break;
            } else if (ch == ")") {
                if (nonCapturingGroups.empty())
                    throw UrlError(UrlError::Kind::IndexError, "pop from empty list");
                const std::size_t start = nonCapturingGroups.back();
                nonCapturingGroups.pop_back();
                Element inner;
                inner.kind = Element::Kind::NonCapture;
                inner.items.assign(result.begin() + static_cast<std::ptrdiff_t>(start), result.end());
                result.resize(start);
                result.push_back(std::move(inner));
            } else if (ch == "[") {
                tok = it.next();
                result.push_back(literal(tok.ch));
                tok = it.next();
                while (tok.escaped || tok.ch != "]")
                    tok = it.next();
            } else if (ch == "(") {
                tok = it.next();
                if (tok.ch != "?" || tok.escaped) {
                    const std::string name = "_" + std::to_string(numArgs++);
                    result.push_back(group(name, name));
                    walkToEnd(tok.ch, it);
                } else {
                    tok = it.next();
                    if (tok.ch == "!" || tok.ch == "=" || tok.ch == "<") {
                        walkToEnd(tok.ch, it);
                    } else if (tok.ch == ":") {
                        nonCapturingGroups.push_back(result.size());
                    } else if (tok.ch != "P") {
                        throw UrlError(UrlError::Kind::ValueError,
                                       "Non-reversible reg-exp portion: '(?" + tok.ch + "'");
                    } else {
                        tok = it.next();
                        if (tok.ch != "<" && tok.ch != "=")
                            throw UrlError(UrlError::Kind::ValueError,
                                           "Non-reversible reg-exp portion: '(?P" + tok.ch + "'");
                        const std::string terminal = tok.ch == "<" ? ">" : ")";
                        std::string name;
                        tok = it.next();
                        while (tok.ch != terminal) {
                            name += tok.ch;
                            tok = it.next();
                        }
                        if (terminal != ")") {
                            result.push_back(group(name, name));
                            walkToEnd(tok.ch, it);
                        } else {
                            result.push_back(group(name, std::nullopt));
                        }
                    }
                }
            } else if (ch == "*" || ch == "?" || ch == "+" || ch == "{") {
                auto [count, lookahead] = getQuantifier(ch, it);
                if (lookahead) {
                    // Django's loop keeps the quantifier's `escaped` flag for the look-ahead.
                    tok = Token{lookahead->ch, false};
                    consumeNext = false;
                }
                if (count == 0) {
                    Element& last = back(result);
                    if (contains(last, Element::Kind::Group)) {
                        Element choice;
                        choice.kind = Element::Kind::Choice;
                        choice.items.push_back(Element{Element::Kind::Nothing, {}, {}, {}});
                        choice.items.push_back(last);
                        last = std::move(choice);
                    } else {
                        result.pop_back();
                    }
                } else if (count > 1) {
                    const Element copy = back(result);
                    // Bounded: a URL regex's repeat count is at most RE2's 1000.
                    for (long long k = 1; k < count && k < 1000; ++k)
                        result.push_back(copy);
                }
            } else {
                result.push_back(literal(ch));
            }

            if (consumeNext)
                tok = it.next();
            consumeNext = true;
        }
    } catch (const Stop&) {
    }

    const Flat flat = flattenSequence(result);
    std::vector<NormalizedForm> forms;
    for (std::size_t i = 0; i < flat.first.size(); ++i)
        forms.push_back({flat.first[i], flat.second[i]});
    return forms;
}

} // namespace pipelab::django::urls
