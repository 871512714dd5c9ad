// Filters: defaultfilters.py, one branch per filter, in Django's order of conversions and
// exception handling.
#include "sim/django/template/filters.h"

#include "sim/django/template/dateformat.h"
#include "sim/django/template/html.h"
#include "sim/django/template/numberformat.h"
#include "sim/django/template/templatelibrary.h"
#include "sim/python/interpreter.h"

#include <algorithm>
#include <array>
#include <initializer_list>

namespace pipelab::django::templates {

namespace {

struct FilterInfo {
    std::string_view name;
    bool isSafe;
};

// is_safe as registered in Django 3.2.
constexpr std::array<FilterInfo, 41> kFilters = {{
    {"add", false},          {"addslashes", true},   {"capfirst", true},      {"center", true},
    {"cut", false},          {"date", false},        {"default", false},      {"default_if_none", false},
    {"dictsort", false},     {"dictsortreversed", false}, {"divisibleby", false}, {"escape", true},
    {"escapejs", false},     {"first", false},       {"floatformat", true},   {"force_escape", true},
    {"join", true},          {"last", true},         {"length", false},       {"length_is", false},
    {"linebreaks", true},    {"linebreaksbr", true}, {"ljust", true},         {"lower", true},
    {"make_list", false},    {"pluralize", false},   {"rjust", true},         {"safe", true},
    {"safeseq", true},       {"slice", true},        {"slugify", true},       {"stringformat", true},
    {"striptags", true},     {"time", false},        {"title", true},         {"truncatechars", true},
    {"truncatewords", true}, {"upper", false},       {"urlencode", false},    {"wordcount", false},
    {"yesno", false},
}};

const FilterInfo* info(std::string_view name)
{
    for (const auto& f : kFilters)
        if (f.name == name)
            return &f;
    return nullptr;
}

bool matchesAny(py::Interpreter& ip, const py::PyException& e, std::initializer_list<py::ClassObject*> types)
{
    for (py::ClassObject* t : types)
        if (ip.matches(e, t))
            return true;
    return false;
}

// Number of code points.
std::size_t cpLength(std::string_view s)
{
    std::size_t n = 0;
    for (char c : s)
        n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
}

// Byte offset of code point `index` (s.size() when past the end).
std::size_t cpOffset(std::string_view s, std::size_t index)
{
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
            if (n == index)
                return i;
            ++n;
        }
    }
    return s.size();
}

std::vector<std::string_view> splitWhitespace(std::string_view s)
{
    std::vector<std::string_view> words;
    std::size_t i = 0;
    auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
    while (i < s.size()) {
        while (i < s.size() && space(s[i]))
            ++i;
        const std::size_t start = i;
        while (i < s.size() && !space(s[i]))
            ++i;
        if (i > start)
            words.push_back(s.substr(start, i - start));
    }
    return words;
}

std::vector<std::string> splitComma(std::string_view s)
{
    std::vector<std::string> bits;
    std::size_t start = 0;
    while (true) {
        const std::size_t comma = s.find(',', start);
        bits.emplace_back(s.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
        if (comma == std::string_view::npos)
            return bits;
        start = comma + 1;
    }
}

bool isAsciiLower(char c)
{
    return c >= 'a' && c <= 'z';
}
bool isAsciiUpper(char c)
{
    return c >= 'A' && c <= 'Z';
}

} // namespace

bool Filters::isSimulated(std::string_view name)
{
    return info(name) != nullptr;
}

py::Value Filters::conditionalEscape(py::Value value) const
{
    if (lib_.isSafe(value))
        return value;
    py::Interpreter& ip = lib_.interpreter();
    if (const std::string* s = ip.strOf(value))
        return lib_.markSafe(html::escape(*s));
    return lib_.markSafe(html::escape(ip.toStr(value)));
}

py::Value Filters::apply(std::string_view name, py::Value value, const std::optional<py::Value>& arg,
                         bool autoescape) const
{
    py::Value result = call(name, value, arg, autoescape);
    const FilterInfo* f = info(name);
    if (f && f->isSafe && lib_.isSafe(value) && !lib_.isSafe(result)) {
        py::Interpreter& ip = lib_.interpreter();
        const std::string* s = ip.strOf(result);
        return lib_.markSafe(s ? *s : ip.toStr(result));
    }
    return result;
}

py::Value Filters::call(std::string_view name, py::Value value, const std::optional<py::Value>& arg,
                        bool autoescape) const
{
    py::Interpreter& ip = lib_.interpreter();
    const py::Types& t = ip.types();
    const py::Value argv = arg.value_or(py::Value());

    auto toInt = [&](py::Value v) { return ip.call(py::Value(t.int_), {v}); };
    auto toFloat = [&](py::Value v) { return ip.call(py::Value(t.float_), {v}); };
    // @stringfilter: str(value), keeping SafeData (SafeString.__str__ returns self).
    auto str = [&](py::Value v) -> std::string {
        if (const std::string* s = ip.strOf(v))
            return *s;
        return ip.toStr(v);
    };
    auto safeIfInputSafe = [&](std::string text) -> py::Value {
        return lib_.isSafe(value) ? lib_.markSafe(std::move(text)) : ip.newStr(std::move(text));
    };
    auto strMethod = [&](const char* method, std::vector<py::Value> args = {}) {
        return ip.callMethod(ip.newStr(str(value)), method, std::move(args));
    };
    auto intArg = [&]() -> std::optional<std::int64_t> {
        try {
            py::Value i = toInt(argv);
            if (i.isIntegral())
                return i.asInt();
        } catch (const py::PyException& e) {
            if (!ip.matches(e, t.ValueError))
                throw;
        }
        return std::nullopt;
    };

    if (name == "add") {
        try {
            return ip.binary(py::BinaryOp::Add, toInt(value), toInt(argv));
        } catch (const py::PyException& e) {
            if (!matchesAny(ip, e, {t.ValueError, t.TypeError}))
                throw;
        }
        try {
            return ip.binary(py::BinaryOp::Add, value, argv);
        } catch (const py::PyException&) {
            return ip.newStr("");
        }
    }
    if (name == "addslashes")
        return ip.newStr(html::addslashes(str(value)));
    if (name == "capfirst") {
        const std::string s = str(value);
        if (s.empty())
            return ip.newStr(s);
        const std::size_t second = cpOffset(s, 1);
        py::Value head = ip.callMethod(ip.newStr(s.substr(0, second)), "upper");
        return ip.newStr(*ip.strOf(head) + s.substr(second));
    }
    if (name == "center" || name == "ljust" || name == "rjust")
        return strMethod(name == "center" ? "center" : name == "ljust" ? "ljust" : "rjust", {toInt(argv)});
    if (name == "cut") {
        const std::string s = str(value);
        const std::string& needle = ip.expectStr(argv, "replace() argument 1");
        std::string out;
        if (needle.empty()) {
            out = s;
        } else {
            std::size_t pos = 0;
            while (true) {
                const std::size_t hit = s.find(needle, pos);
                out.append(s, pos, hit == std::string::npos ? std::string::npos : hit - pos);
                if (hit == std::string::npos)
                    break;
                pos = hit + needle.size();
            }
        }
        if (lib_.isSafe(value) && needle != ";")
            return lib_.markSafe(std::move(out));
        return ip.newStr(std::move(out));
    }
    if (name == "date" || name == "time") {
        if (value.isNone() || (ip.strOf(value) && ip.strOf(value)->empty()))
            return ip.newStr("");
        const std::optional<std::string> format =
            arg && !arg->isNone() ? std::optional<std::string>(str(*arg)) : std::nullopt;
        const auto parts = lib_.dateParts(value);
        if (name == "time") {
            const std::string f(DateFormat::namedFormat(format.value_or("TIME_FORMAT")));
            if (!parts || !parts->hasTime)
                return ip.newStr("");
            // TimeFormat has no date specifiers: AttributeError → ''.
            static constexpr std::string_view kDateOnly = "bcdDEFjlLmMnNorStUwWyYz";
            for (std::size_t i = 0; i < f.size(); ++i) {
                if (f[i] == '\\') {
                    ++i;
                    continue;
                }
                if (kDateOnly.find(f[i]) != std::string_view::npos)
                    return ip.newStr("");
            }
            return ip.newStr(DateFormat::format(*parts, f));
        }
        try {
            if (parts)
                return ip.newStr(DateFormat::dateFormat(*parts, format.value_or("")));
        } catch (const DateFormatTypeError& e) {
            ip.raise(t.TypeError, e.what());
        }
        // Not a date: DateFormat succeeds only when no specifier touches the value, else
        // format(value, arg) is tried.
        const std::string f(DateFormat::namedFormat(format.value_or("DATE_FORMAT")));
        static constexpr std::string_view kChars = "aAbcdDeEfFgGhHiIjlLmMnNoOPrsStTUuwWyYzZ";
        bool touches = false;
        for (std::size_t i = 0; i < f.size(); ++i) {
            if (f[i] == '\\') {
                ++i;
                continue;
            }
            touches = touches || kChars.find(f[i]) != std::string_view::npos;
        }
        if (!touches)
            return ip.newStr(DateFormat::format(DateParts{}, f));
        if (!format)
            ip.raise(t.TypeError, "format() argument 2 must be str, not None");
        return ip.newStr(ip.format(value, *format));
    }
    if (name == "default")
        return ip.truthy(value) ? value : argv;
    if (name == "default_if_none")
        return value.isNone() ? argv : value;
    if (name == "dictsort" || name == "dictsortreversed") {
        const std::string key = str(argv);
        bool numeric = true;
        try {
            toFloat(argv);
        } catch (const py::PyException& e) {
            if (!ip.matches(e, t.ValueError))
                throw;
            numeric = false;
        }
        std::vector<std::string> parts;
        if (!numeric) {
            if (key.find("._") != std::string::npos || (!key.empty() && key[0] == '_'))
                return ip.newStr("");
            std::size_t start = 0;
            while (true) {
                const std::size_t dot = key.find('.', start);
                parts.push_back(key.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
                if (dot == std::string::npos)
                    break;
                start = dot + 1;
            }
        }
        const py::Value argCopy = argv;
        py::Value keyFn = ip.newFunction("key", [parts, numeric, argCopy](py::Interpreter& in, py::CallArgs& a) {
            py::Value v = a[0];
            if (numeric)
                return in.getItem(v, argCopy);
            for (const std::string& part : parts) {
                try {
                    v = in.getItem(v, in.newStr(part));
                } catch (const py::PyException& e) {
                    const py::Types& ty = in.types();
                    if (!matchesAny(in, e, {ty.AttributeError, ty.IndexError, ty.KeyError, ty.TypeError, ty.ValueError}))
                        throw;
                    v = in.getAttr(v, part);
                }
            }
            return v;
        });
        try {
            std::vector<py::Value> items = ip.toVector(value);
            ip.sortValues(items, keyFn, name == "dictsortreversed");
            return ip.newList(std::move(items));
        } catch (const py::PyException& e) {
            if (!matchesAny(ip, e, {t.AttributeError, t.TypeError}))
                throw;
            return ip.newStr("");
        }
    }
    if (name == "divisibleby") {
        py::Value r = ip.binary(py::BinaryOp::Mod, toInt(value), toInt(argv));
        return py::Value::boolean(ip.eq(r, py::Value::integer(0)));
    }
    if (name == "escape")
        return lib_.isSafe(value) ? value : lib_.markSafe(html::escape(str(value)));
    if (name == "force_escape")
        return lib_.markSafe(html::escape(str(value)));
    if (name == "escapejs")
        return lib_.markSafe(html::escapejs(str(value)));
    if (name == "first" || name == "last") {
        try {
            return ip.getItem(value, py::Value::integer(name == "first" ? 0 : -1));
        } catch (const py::PyException& e) {
            if (!ip.matches(e, t.IndexError))
                throw;
            return ip.newStr("");
        }
    }
    if (name == "floatformat") {
        bool forceGrouping = false;
        py::Value precision = arg ? argv : py::Value::integer(-1);
        if (const std::string* s = ip.strOf(precision); s && !s->empty() && s->back() == 'g') {
            forceGrouping = true;
            const std::string rest = s->substr(0, s->size() - 1);
            precision = rest.empty() ? py::Value::integer(-1) : ip.newStr(rest);
        }
        const std::string inputVal = ip.repr(value);
        std::optional<numberformat::DecimalNumber> d = numberformat::parseDecimal(inputVal);
        bool special = numberformat::isSpecialDecimal(inputVal);
        if (!d && !special) {
            try {
                const std::string f = ip.repr(toFloat(value));
                special = numberformat::isSpecialDecimal(f);
                d = numberformat::parseDecimal(f);
            } catch (const py::PyException& e) {
                if (!matchesAny(ip, e, {t.ValueError, t.TypeError}))
                    throw;
                return ip.newStr("");
            }
        }
        long long p = 0;
        try {
            py::Value pv = toInt(precision);
            p = pv.asInt();
        } catch (const py::PyException& e) {
            if (!ip.matches(e, t.ValueError))
                throw;
            return ip.newStr(inputVal);
        }
        if (special || !d)
            return ip.newStr(inputVal);
        if (static_cast<long long>(d->digits.size()) + std::llabs(d->exponent) > 200)
            return ip.newStr(inputVal);
        return lib_.markSafe(numberformat::floatformat(*d, p, forceGrouping));
    }
    if (name == "join") {
        std::vector<py::Value> items;
        try {
            items = ip.toVector(value);
        } catch (const py::PyException& e) {
            if (!ip.matches(e, t.TypeError))
                throw;
            return value;
        }
        const std::string sep = *ip.strOf(conditionalEscape(argv));
        std::string out;
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (i)
                out += sep;
            if (autoescape) {
                out += *ip.strOf(conditionalEscape(items[i]));
            } else if (const std::string* s = ip.strOf(items[i])) {
                out += *s;
            } else {
                return value; // str.join: TypeError, failed silently
            }
        }
        return lib_.markSafe(std::move(out));
    }
    if (name == "length") {
        try {
            return py::Value::integer(ip.len(value));
        } catch (const py::PyException& e) {
            if (!matchesAny(ip, e, {t.ValueError, t.TypeError}))
                throw;
            return py::Value::integer(0);
        }
    }
    if (name == "length_is") {
        try {
            const std::int64_t n = ip.len(value);
            return py::Value::boolean(ip.eq(py::Value::integer(n), toInt(argv)));
        } catch (const py::PyException& e) {
            if (!matchesAny(ip, e, {t.ValueError, t.TypeError}))
                throw;
            return ip.newStr("");
        }
    }
    if (name == "linebreaks") {
        const bool escapeIt = autoescape && !lib_.isSafe(value);
        return lib_.markSafe(html::linebreaks(str(value), escapeIt));
    }
    if (name == "linebreaksbr") {
        const bool escapeIt = autoescape && !lib_.isSafe(value);
        std::string s = html::normalizeNewlines(str(value));
        if (escapeIt)
            s = html::escape(s);
        std::string out;
        for (char c : s) {
            if (c == '\n')
                out += "<br>";
            else
                out += c;
        }
        return lib_.markSafe(std::move(out));
    }
    if (name == "lower")
        return strMethod("lower");
    if (name == "upper")
        return strMethod("upper");
    if (name == "make_list")
        return ip.newList(ip.toVector(ip.newStr(str(value))));
    if (name == "pluralize") {
        std::string a = arg ? str(argv) : std::string("s");
        if (a.find(',') == std::string::npos)
            a = "," + a;
        const std::vector<std::string> bits = splitComma(a);
        if (bits.size() > 2)
            return ip.newStr("");
        try {
            const bool one = ip.eq(toFloat(value), py::Value::integer(1));
            return ip.newStr(one ? bits[0] : bits[1]);
        } catch (const py::PyException& e) {
            if (ip.matches(e, t.ValueError))
                return ip.newStr("");
            if (!ip.matches(e, t.TypeError))
                throw;
        }
        try {
            return ip.newStr(ip.len(value) == 1 ? bits[0] : bits[1]);
        } catch (const py::PyException& e) {
            if (!ip.matches(e, t.TypeError))
                throw;
        }
        return ip.newStr("");
    }
    if (name == "safe")
        return lib_.markSafe(str(value));
    if (name == "safeseq") {
        std::vector<py::Value> items = ip.toVector(value);
        for (py::Value& v : items)
            v = lib_.isSafe(v) ? v : lib_.markSafe(ip.toStr(v));
        return ip.newList(std::move(items));
    }
    if (name == "slice") {
        std::vector<py::Value> bits;
        const std::string spec = str(argv);
        std::size_t start = 0;
        try {
            while (true) {
                const std::size_t colon = spec.find(':', start);
                const std::string x = spec.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
                bits.push_back(x.empty() ? py::Value() : toInt(ip.newStr(x)));
                if (colon == std::string::npos)
                    break;
                start = colon + 1;
            }
            if (bits.size() > 3)
                return value; // slice(*bits): TypeError
            py::Value lower, upper, step;
            if (bits.size() == 1) {
                upper = bits[0];
            } else {
                lower = bits[0];
                upper = bits[1];
                if (bits.size() == 3)
                    step = bits[2];
            }
            return ip.getItem(value, ip.make<py::SliceObject>(t.slice, lower, upper, step));
        } catch (const py::PyException& e) {
            if (!matchesAny(ip, e, {t.ValueError, t.TypeError}))
                throw;
            return value;
        }
    }
    if (name == "slugify")
        return ip.newStr(html::slugify(str(value)));
    if (name == "stringformat") {
        py::Value v = value;
        if (v.as<py::TupleObject>())
            v = ip.newStr(ip.toStr(v));
        try {
            return ip.binary(py::BinaryOp::Mod, ip.newStr("%" + str(argv)), v);
        } catch (const py::PyException& e) {
            if (!matchesAny(ip, e, {t.ValueError, t.TypeError}))
                throw;
            return ip.newStr("");
        }
    }
    if (name == "striptags")
        return ip.newStr(html::stripTags(str(value)));
    if (name == "title") {
        std::string s = *ip.strOf(strMethod("title"));
        // re.sub("([a-z])'([A-Z])", lower), then re.sub(r"\d([A-Z])", lower)
        for (std::size_t i = 0; i + 2 < s.size(); ++i)
            if (isAsciiLower(s[i]) && s[i + 1] == '\'' && isAsciiUpper(s[i + 2]))
                s[i + 2] = static_cast<char>(s[i + 2] - 'A' + 'a');
        for (std::size_t i = 0; i + 1 < s.size(); ++i)
            if (s[i] >= '0' && s[i] <= '9' && isAsciiUpper(s[i + 1]))
                s[i + 1] = static_cast<char>(s[i + 1] - 'A' + 'a');
        return ip.newStr(std::move(s));
    }
    if (name == "truncatechars") {
        const std::string s = str(value);
        const auto length = intArg();
        if (!length)
            return safeIfInputSafe(s);
        // Truncator.chars(): the '…' takes one of the `length` characters.
        const long long truncateLen = *length - 1;
        const std::size_t count = cpLength(s);
        if (count == 0 || static_cast<long long>(count) <= *length)
            return ip.newStr(s);
        const std::size_t end = truncateLen <= 0 ? 0 : cpOffset(s, static_cast<std::size_t>(truncateLen));
        return ip.newStr(s.substr(0, end) + "\xE2\x80\xA6");
    }
    if (name == "truncatewords") {
        const std::string s = str(value);
        const auto length = intArg();
        if (!length)
            return safeIfInputSafe(s);
        std::vector<std::string_view> words = splitWhitespace(s);
        auto joinWords = [](const std::vector<std::string_view>& w) {
            std::string out;
            for (std::size_t i = 0; i < w.size(); ++i) {
                if (i)
                    out += ' ';
                out += w[i];
            }
            return out;
        };
        if (static_cast<long long>(words.size()) > *length) {
            // words[:length], Python slice semantics for negative lengths.
            long long keep = *length < 0 ? static_cast<long long>(words.size()) + *length : *length;
            keep = std::max<long long>(0, keep);
            words.resize(static_cast<std::size_t>(keep));
            std::string text = joinWords(words);
            const std::string truncate = " \xE2\x80\xA6";
            if (text.size() < truncate.size() || text.compare(text.size() - truncate.size(), truncate.size(), truncate) != 0)
                text += truncate;
            return ip.newStr(std::move(text));
        }
        return ip.newStr(joinWords(words));
    }
    if (name == "urlencode") {
        const std::string safe = arg && !argv.isNone() ? str(argv) : std::string("/");
        return ip.newStr(html::quote(str(value), safe));
    }
    if (name == "wordcount")
        return py::Value::integer(static_cast<std::int64_t>(splitWhitespace(str(value)).size()));
    if (name == "yesno") {
        const std::string a = arg && !argv.isNone() ? *ip.strOf(argv) : std::string("yes,no,maybe");
        const std::vector<std::string> bits = splitComma(a);
        if (bits.size() < 2)
            return value;
        const std::string& maybe = bits.size() == 3 ? bits[2] : bits[1];
        if (value.isNone())
            return ip.newStr(maybe);
        return ip.newStr(ip.truthy(value) ? bits[0] : bits[1]);
    }
    ip.raise(t.NotImplementedError, "template filter '" + std::string(name) + "' is not simulated by PipeLab");
}

} // namespace pipelab::django::templates
