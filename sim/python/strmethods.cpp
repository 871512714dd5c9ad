// The methods of str. Strings are UTF-8; case mapping covers ASCII (non-ASCII text passes
// through unchanged), which is what scenario code meets.
#include "sim/python/argcheck.h"
#include "sim/python/utf8.h"
#include "sim/python/builtins.h"
#include "sim/python/format.h"
#include "sim/python/interpreter.h"

#include <algorithm>
#include <cctype>

namespace pipelab::py {

namespace {

const std::string& self(Interpreter& ip, CallArgs& a, const char* name)
{
    if (a.args.empty())
        ip.raise(ip.types().TypeError, std::string("descriptor '") + name + "' of 'str' object needs an argument");
    const std::string* s = Interpreter::strOf(a.args[0]);
    if (!s)
        ip.raise(ip.types().TypeError, std::string("descriptor '") + name + "' for 'str' objects doesn't apply to a '" +
                                           ip.typeName(a.args[0]) + "' object");
    return *s;
}

const std::string& strArg(Interpreter& ip, Value v, const char* what)
{
    const std::string* s = Interpreter::strOf(v);
    if (!s)
        ip.raise(ip.types().TypeError, std::string(what) + " must be str, not " + ip.typeName(v));
    return *s;
}

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::int64_t cpCount(const std::string& s, std::size_t begin, std::size_t end)
{
    std::int64_t n = 0;
    for (std::size_t i = begin; i < end; ++i)
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80)
            ++n;
    return n;
}

// Byte offset of code point index i (clamped).
std::size_t byteOffset(const std::string& s, std::int64_t i)
{
    if (i <= 0)
        return 0;
    std::int64_t n = 0;
    for (std::size_t b = 0; b < s.size(); ++b) {
        if ((static_cast<unsigned char>(s[b]) & 0xC0) != 0x80) {
            if (n == i)
                return b;
            ++n;
        }
    }
    return s.size();
}

// Optional start/end arguments (code point indices, Python semantics) → byte range.
std::pair<std::size_t, std::size_t> range(Interpreter& ip, CallArgs& a, std::size_t first, const std::string& s)
{
    const std::int64_t n = cpCount(s, 0, s.size());
    auto norm = [&](Value v, std::int64_t dflt) {
        if (v.isNone())
            return dflt;
        std::int64_t i = ip.expectInt(v, "slice index");
        if (i < 0)
            i = std::max<std::int64_t>(0, i + n);
        return std::min(i, n);
    };
    const std::int64_t start = a.args.size() > first ? norm(a.args[first], 0) : 0;
    const std::int64_t end = a.args.size() > first + 1 ? norm(a.args[first + 1], n) : n;
    if (end < start)
        return {1, 0};
    return {byteOffset(s, start), byteOffset(s, end)};
}

std::vector<std::string> splitWhitespace(const std::string& s, std::int64_t maxsplit)
{
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && isSpace(s[i]))
            ++i;
        if (i >= s.size())
            break;
        if (maxsplit >= 0 && static_cast<std::int64_t>(out.size()) >= maxsplit) {
            std::size_t e = s.size();
            while (e > i && isSpace(s[e - 1]))
                --e;
            out.push_back(s.substr(i, e - i));
            break;
        }
        std::size_t j = i;
        while (j < s.size() && !isSpace(s[j]))
            ++j;
        out.push_back(s.substr(i, j - i));
        i = j;
    }
    return out;
}

Value listOfStrings(Interpreter& ip, const std::vector<std::string>& parts)
{
    std::vector<Value> items;
    items.reserve(parts.size());
    for (const auto& p : parts)
        items.push_back(ip.newStr(p));
    return ip.newList(std::move(items));
}

std::string strip(const std::string& s, const std::string* chars, bool left, bool right)
{
    auto strippable = [&](char c) { return chars ? chars->find(c) != std::string::npos : isSpace(c); };
    std::size_t b = 0;
    std::size_t e = s.size();
    if (left)
        while (b < e && strippable(s[b]))
            ++b;
    if (right)
        while (e > b && strippable(s[e - 1]))
            --e;
    return s.substr(b, e - b);
}

// Simple case mapping for Latin-1, Latin Extended-A, Greek and Cyrillic (the scripts scenario
// data uses); other code points map to themselves.
std::uint32_t upperCp(std::uint32_t c)
{
    if (c >= 'a' && c <= 'z')
        return c - 32;
    if ((c >= 0xE0 && c <= 0xFE && c != 0xF7))
        return c - 0x20;
    if (c >= 0x100 && c <= 0x17F && c != 0x130 && c != 0x131 && c != 0x138 && c != 0x149 && c != 0x17F)
        return (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E) ? (c % 2 == 0 ? c - 1 : c) : (c % 2 == 1 ? c - 1 : c);
    if (c >= 0x3B1 && c <= 0x3C9 && c != 0x3C2)
        return c - 0x20;
    if (c >= 0x430 && c <= 0x44F)
        return c - 0x20;
    if (c >= 0x450 && c <= 0x45F)
        return c - 0x50;
    return c;
}

std::uint32_t lowerCp(std::uint32_t c)
{
    if (c >= 'A' && c <= 'Z')
        return c + 32;
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
        return c + 0x20;
    if (c >= 0x100 && c <= 0x17F && c != 0x130 && c != 0x131 && c != 0x138 && c != 0x149 && c != 0x17F)
        return (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E) ? (c % 2 == 1 ? c + 1 : c) : (c % 2 == 0 ? c + 1 : c);
    if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2)
        return c + 0x20;
    if (c >= 0x410 && c <= 0x42F)
        return c + 0x20;
    if (c >= 0x400 && c <= 0x40F)
        return c + 0x50;
    return c;
}

bool isAlphaCp(std::uint32_t c)
{
    return (c < 0x80 && std::isalpha(static_cast<int>(c))) || (c >= 0xC0 && c != 0xD7 && c != 0xF7);
}

} // namespace

void installStrMethods(Interpreter& interp)
{
    ClassObject* str = interp.types().str;
    auto def = [&](const char* name, NativeFn fn) { interp.defineMethod(str, name, std::move(fn)); };

    def("join", [](Interpreter& ip, CallArgs& a) -> Value {
        const std::string& sep = self(ip, a, "join");
        checkArgs(ip, a, "join", 1, 1, 1);
        std::string out;
        std::size_t index = 0;
        ip.forEach(a.args[1], [&](Value v) {
            const std::string* s = Interpreter::strOf(v);
            if (!s)
                ip.raise(ip.types().TypeError, "sequence item " + std::to_string(index) + ": expected str instance, " +
                                                   ip.typeName(v) + " found");
            if (index++)
                out += sep;
            out += *s;
            ip.checkStringSize(out.size());
            return true;
        });
        return ip.newStr(std::move(out));
    });
    auto splitImpl = [](bool fromRight) {
        return [fromRight](Interpreter& ip, CallArgs& a) -> Value {
            const std::string& s = self(ip, a, fromRight ? "rsplit" : "split");
            allowKeywords(ip, a, fromRight ? "rsplit" : "split", {"sep", "maxsplit"});
            Value sepValue = a.args.size() > 1 ? a.args[1] : a.kwarg("sep") ? *a.kwarg("sep") : Value();
            Value maxValue = a.args.size() > 2 ? a.args[2] : a.kwarg("maxsplit") ? *a.kwarg("maxsplit") : Value::integer(-1);
            const std::int64_t maxsplit = ip.expectInt(maxValue, "maxsplit");
            if (sepValue.isNone()) {
                if (!fromRight || maxsplit < 0)
                    return listOfStrings(ip, splitWhitespace(s, maxsplit));
                std::string reversed(s.rbegin(), s.rend());
                auto parts = splitWhitespace(reversed, maxsplit);
                std::reverse(parts.begin(), parts.end());
                for (auto& p : parts)
                    std::reverse(p.begin(), p.end());
                return listOfStrings(ip, parts);
            }
            const std::string& sep = strArg(ip, sepValue, "separator");
            if (sep.empty())
                ip.raise(ip.types().ValueError, "empty separator");
            std::vector<std::string> parts;
            if (!fromRight) {
                std::size_t start = 0;
                while (true) {
                    if (maxsplit >= 0 && static_cast<std::int64_t>(parts.size()) >= maxsplit)
                        break;
                    const auto pos = s.find(sep, start);
                    if (pos == std::string::npos)
                        break;
                    parts.push_back(s.substr(start, pos - start));
                    start = pos + sep.size();
                }
                parts.push_back(s.substr(start));
            } else {
                std::size_t end = s.size();
                while (true) {
                    if (maxsplit >= 0 && static_cast<std::int64_t>(parts.size()) >= maxsplit)
                        break;
                    if (end < sep.size())
                        break;
                    const auto pos = s.rfind(sep, end - sep.size());
                    if (pos == std::string::npos)
                        break;
                    parts.push_back(s.substr(pos + sep.size(), end - pos - sep.size()));
                    end = pos;
                }
                parts.push_back(s.substr(0, end));
                std::reverse(parts.begin(), parts.end());
            }
            return listOfStrings(ip, parts);
        };
    };
    def("split", splitImpl(false));
    def("rsplit", splitImpl(true));
    def("splitlines", [](Interpreter& ip, CallArgs& a) -> Value {
        const std::string& s = self(ip, a, "splitlines");
        allowKeywords(ip, a, "splitlines", {"keepends"});
        const bool keep = (a.args.size() > 1 && ip.truthy(a.args[1])) || (a.kwarg("keepends") && ip.truthy(*a.kwarg("keepends")));
        std::vector<std::string> parts;
        std::size_t start = 0;
        for (std::size_t i = 0; i < s.size(); ++i) {
            if (s[i] == '\n' || s[i] == '\r') {
                std::size_t end = i;
                if (s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n')
                    ++i;
                parts.push_back(s.substr(start, (keep ? i + 1 : end) - start));
                start = i + 1;
            }
        }
        if (start < s.size())
            parts.push_back(s.substr(start));
        return listOfStrings(ip, parts);
    });
    auto stripImpl = [](const char* name, bool left, bool right) {
        return [name, left, right](Interpreter& ip, CallArgs& a) -> Value {
            const std::string& s = self(ip, a, name);
            checkArgs(ip, a, name, 0, 1, 1);
            const std::string* chars = nullptr;
            if (a.args.size() > 1 && !a.args[1].isNone())
                chars = &strArg(ip, a.args[1], (std::string(name) + " arg").c_str());
            return ip.newStr(strip(s, chars, left, right));
        };
    };
    def("strip", stripImpl("strip", true, true));
    def("lstrip", stripImpl("lstrip", true, false));
    def("rstrip", stripImpl("rstrip", false, true));
    auto mapChars = [](const char* name, int mode) {
        return [name, mode](Interpreter& ip, CallArgs& a) -> Value {
            const std::string& s = self(ip, a, name);
            checkArgs(ip, a, name, 0, 0, 1);
            std::string out;
            out.reserve(s.size());
            bool wordStart = true;
            bool first = true;
            for (std::uint32_t c : decodeUtf8(s)) {
                std::uint32_t m = c;
                switch (mode) {
                case 0: m = lowerCp(c); break;
                case 1: m = upperCp(c); break;
                case 2: // title
                    m = wordStart ? upperCp(c) : lowerCp(c);
                    wordStart = !isAlphaCp(c);
                    break;
                case 3: m = first ? upperCp(c) : lowerCp(c); break; // capitalize
                case 4: m = upperCp(c) != c ? upperCp(c) : lowerCp(c); break; // swapcase
                default: break;
                }
                first = false;
                appendUtf8(out, m);
            }
            return ip.newStr(std::move(out));
        };
    };
    def("lower", mapChars("lower", 0));
    def("casefold", mapChars("casefold", 0));
    def("upper", mapChars("upper", 1));
    def("title", mapChars("title", 2));
    def("capitalize", mapChars("capitalize", 3));
    def("swapcase", mapChars("swapcase", 4));
    auto affix = [](const char* name, bool prefix) {
        return [name, prefix](Interpreter& ip, CallArgs& a) -> Value {
            const std::string& s = self(ip, a, name);
            checkArgs(ip, a, name, 1, 3, 1);
            auto [b, e] = range(ip, a, 2, s);
            if (b > e)
                return Value::boolean(false);
            const std::string sub = s.substr(b, e - b);
            auto test = [&](Value v) {
                const std::string* p = Interpreter::strOf(v);
                if (!p)
                    ip.raise(ip.types().TypeError, std::string(name) + " first arg must be str or a tuple of str, not " +
                                                       ip.typeName(v));
                if (p->size() > sub.size())
                    return false;
                return prefix ? sub.compare(0, p->size(), *p) == 0 : sub.compare(sub.size() - p->size(), p->size(), *p) == 0;
            };
            if (auto* t = a.args[1].as<TupleObject>()) {
                for (Value v : t->items)
                    if (test(v))
                        return Value::boolean(true);
                return Value::boolean(false);
            }
            return Value::boolean(test(a.args[1]));
        };
    };
    def("startswith", affix("startswith", true));
    def("endswith", affix("endswith", false));
    def("replace", [](Interpreter& ip, CallArgs& a) -> Value {
        const std::string& s = self(ip, a, "replace");
        checkArgs(ip, a, "replace", 2, 3, 1);
        const std::string& from = strArg(ip, a.args[1], "replace() argument 1");
        const std::string& to = strArg(ip, a.args[2], "replace() argument 2");
        std::int64_t count = a.args.size() > 3 ? ip.expectInt(a.args[3], "count") : -1;
        std::string out;
        if (from.empty()) {
            std::int64_t done = 0;
            for (std::size_t i = 0; i <= s.size(); ++i) {
                if (count < 0 || done < count) {
                    out += to;
                    ++done;
                }
                if (i < s.size())
                    out += s[i];
                ip.checkStringSize(out.size());
            }
            return ip.newStr(std::move(out));
        }
        std::size_t start = 0;
        std::int64_t replaced = 0;
        while (count != 0) {
            const auto pos = s.find(from, start);
            if (pos == std::string::npos)
                break;
            out.append(s, start, pos - start);
            out += to;
            start = pos + from.size();
            if (count > 0)
                --count;
            ip.checkStringSize(out.size());
            if ((++replaced & 3) == 0)
                ip.chargeSteps(1); // one step per 4 replacements: each is real work
        }
        out.append(s, start, std::string::npos);
        return ip.newStr(std::move(out));
    });
    auto findImpl = [](const char* name, bool reverse, bool raises) {
        return [name, reverse, raises](Interpreter& ip, CallArgs& a) -> Value {
            const std::string& s = self(ip, a, name);
            checkArgs(ip, a, name, 1, 3, 1);
            const std::string& sub = strArg(ip, a.args[1], "must be str");
            auto [b, e] = range(ip, a, 2, s);
            std::size_t pos = std::string::npos;
            if (b <= e && sub.size() <= e - b) {
                const std::string hay = s.substr(b, e - b);
                pos = reverse ? hay.rfind(sub) : hay.find(sub);
                if (pos != std::string::npos)
                    pos += b;
            }
            if (pos == std::string::npos) {
                if (raises)
                    ip.raise(ip.types().ValueError, "substring not found");
                return Value::integer(-1);
            }
            return Value::integer(cpCount(s, 0, pos));
        };
    };
    def("find", findImpl("find", false, false));
    def("rfind", findImpl("rfind", true, false));
    def("index", findImpl("index", false, true));
    def("rindex", findImpl("rindex", true, true));
    def("count", [](Interpreter& ip, CallArgs& a) -> Value {
        const std::string& s = self(ip, a, "count");
        checkArgs(ip, a, "count", 1, 3, 1);
        const std::string& sub = strArg(ip, a.args[1], "must be str");
        auto [b, e] = range(ip, a, 2, s);
        if (b > e)
            return Value::integer(0);
        const std::string hay = s.substr(b, e - b);
        if (sub.empty())
            return Value::integer(cpCount(hay, 0, hay.size()) + 1);
        std::int64_t n = 0;
        for (std::size_t pos = hay.find(sub); pos != std::string::npos; pos = hay.find(sub, pos + sub.size()))
            ++n;
        return Value::integer(n);
    });
    def("format", [](Interpreter& ip, CallArgs& a) -> Value {
        const std::string& s = self(ip, a, "format");
        std::vector<Value> args(a.args.begin() + 1, a.args.end());
        return ip.newStr(strFormat(ip, s, args, a.kwargs));
    });
    auto predicate = [](const char* name, int kind) {
        return [name, kind](Interpreter& ip, CallArgs& a) -> Value {
            const std::string& s = self(ip, a, name);
            checkArgs(ip, a, name, 0, 0, 1);
            if (s.empty())
                return Value::boolean(false);
            bool anyCased = false;
            for (char ch : s) {
                const auto c = static_cast<unsigned char>(ch);
                switch (kind) {
                case 0: if (!std::isdigit(c)) return Value::boolean(false); break;
                case 1: if (!std::isalpha(c) && c < 0x80) return Value::boolean(false); break;
                case 2: if (!std::isalnum(c) && c < 0x80) return Value::boolean(false); break;
                case 3: if (!isSpace(ch)) return Value::boolean(false); break;
                case 4: if (std::islower(c)) return Value::boolean(false); anyCased = anyCased || std::isupper(c); break;
                case 5: if (std::isupper(c)) return Value::boolean(false); anyCased = anyCased || std::islower(c); break;
                default: break;
                }
            }
            return Value::boolean(kind < 4 || anyCased);
        };
    };
    def("isdigit", predicate("isdigit", 0));
    def("isnumeric", predicate("isnumeric", 0));
    def("isdecimal", predicate("isdecimal", 0));
    def("isalpha", predicate("isalpha", 1));
    def("isalnum", predicate("isalnum", 2));
    def("isspace", predicate("isspace", 3));
    def("isupper", predicate("isupper", 4));
    def("islower", predicate("islower", 5));
    def("zfill", [](Interpreter& ip, CallArgs& a) -> Value {
        const std::string& s = self(ip, a, "zfill");
        checkArgs(ip, a, "zfill", 1, 1, 1);
        const std::int64_t width = ip.expectInt(a.args[1], "zfill() argument");
        const std::int64_t len = cpCount(s, 0, s.size());
        if (len >= width)
            return a.args[0];
        std::string out = s;
        const std::size_t at = !s.empty() && (s[0] == '+' || s[0] == '-') ? 1 : 0;
        ip.checkStringSize(static_cast<std::size_t>(width));
        out.insert(at, static_cast<std::size_t>(width - len), '0');
        return ip.newStr(std::move(out));
    });
    auto justify = [](const char* name, char mode) {
        return [name, mode](Interpreter& ip, CallArgs& a) -> Value {
            const std::string& s = self(ip, a, name);
            checkArgs(ip, a, name, 1, 2, 1);
            const std::int64_t width = ip.expectInt(a.args[1], "width");
            std::string fill = " ";
            if (a.args.size() > 2) {
                auto* f = a.args[2].as<StrObject>();
                if (!f || f->length() != 1)
                    ip.raise(ip.types().TypeError, "The fill character must be exactly one character long");
                fill = f->value();
            }
            const std::int64_t len = cpCount(s, 0, s.size());
            if (len >= width)
                return a.args[0];
            ip.checkStringSize(static_cast<std::size_t>(width) * fill.size());
            const std::int64_t total = width - len;
            std::int64_t left = 0;
            if (mode == 'r')
                left = total;
            else if (mode == 'c')
                left = total / 2 + ((total & width & 1) ? 1 : 0);
            std::string out;
            for (std::int64_t i = 0; i < left; ++i)
                out += fill;
            out += s;
            for (std::int64_t i = 0; i < total - left; ++i)
                out += fill;
            return ip.newStr(std::move(out));
        };
    };
    def("ljust", justify("ljust", 'l'));
    def("rjust", justify("rjust", 'r'));
    def("center", justify("center", 'c'));
    auto partition = [](const char* name, bool reverse) {
        return [name, reverse](Interpreter& ip, CallArgs& a) -> Value {
            const std::string& s = self(ip, a, name);
            checkArgs(ip, a, name, 1, 1, 1);
            const std::string& sep = strArg(ip, a.args[1], "must be str");
            if (sep.empty())
                ip.raise(ip.types().ValueError, "empty separator");
            const auto pos = reverse ? s.rfind(sep) : s.find(sep);
            if (pos == std::string::npos)
                return reverse ? Value(ip.newTuple({ip.newStr(""), ip.newStr(""), a.args[0]}))
                               : Value(ip.newTuple({a.args[0], ip.newStr(""), ip.newStr("")}));
            return ip.newTuple({ip.newStr(s.substr(0, pos)), a.args[1], ip.newStr(s.substr(pos + sep.size()))});
        };
    };
    def("partition", partition("partition", false));
    def("rpartition", partition("rpartition", true));
    def("removeprefix", [](Interpreter& ip, CallArgs& a) -> Value {
        const std::string& s = self(ip, a, "removeprefix");
        checkArgs(ip, a, "removeprefix", 1, 1, 1);
        const std::string& p = strArg(ip, a.args[1], "removeprefix() argument");
        return s.compare(0, p.size(), p) == 0 ? ip.newStr(s.substr(p.size())) : a.args[0];
    });
    def("removesuffix", [](Interpreter& ip, CallArgs& a) -> Value {
        const std::string& s = self(ip, a, "removesuffix");
        checkArgs(ip, a, "removesuffix", 1, 1, 1);
        const std::string& p = strArg(ip, a.args[1], "removesuffix() argument");
        return !p.empty() && s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0
                   ? ip.newStr(s.substr(0, s.size() - p.size()))
                   : a.args[0];
    });
    def("encode", [](Interpreter& ip, CallArgs&) -> Value {
        ip.raise(ip.types().TypeError, "bytes are not supported in PipeLab scenarios (str.encode)");
    });
}

} // namespace pipelab::py
