// Python's number formatting: repr(float) from the shortest round-trip digits (std::to_chars),
// the format-spec mini-language, printf-style % and str.format.
#include "sim/python/format.h"

#include "sim/python/interpreter.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace pipelab::py {

namespace {

std::int64_t codepoints(const std::string& s)
{
    std::int64_t n = 0;
    for (char c : s)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80)
            ++n;
    return n;
}

std::string cformat(const char* fmt, int precision, double v)
{
    char buf[512];
    const int n = std::snprintf(buf, sizeof buf, fmt, precision, v);
    if (n < 0)
        return {};
    if (static_cast<std::size_t>(n) < sizeof buf)
        return std::string(buf, static_cast<std::size_t>(n));
    std::string big(static_cast<std::size_t>(n) + 1, '\0');
    std::snprintf(big.data(), big.size(), fmt, precision, v);
    big.resize(static_cast<std::size_t>(n));
    return big;
}

struct Spec {
    char fill = ' ';
    char align = 0;
    char sign = '-';
    bool alternate = false;
    int width = -1;
    char grouping = 0;
    int precision = -1;
    char type = 0;
};

Spec parseSpec(Interpreter& interp, std::string_view s)
{
    Spec spec;
    std::size_t i = 0;
    auto isAlign = [](char c) { return c == '<' || c == '>' || c == '=' || c == '^'; };
    if (s.size() >= 2 && isAlign(s[1])) {
        spec.fill = s[0];
        spec.align = s[1];
        i = 2;
    } else if (!s.empty() && isAlign(s[0])) {
        spec.align = s[0];
        i = 1;
    }
    if (i < s.size() && (s[i] == '+' || s[i] == '-' || s[i] == ' '))
        spec.sign = s[i++];
    if (i < s.size() && s[i] == '#') {
        spec.alternate = true;
        ++i;
    }
    if (i < s.size() && s[i] == '0') {
        if (!spec.align) {
            spec.fill = '0';
            spec.align = '=';
        }
        ++i;
    }
    auto digits = [&]() {
        int v = 0;
        bool any = false;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
            v = v * 10 + (s[i++] - '0');
            any = true;
            if (v > 100000)
                interp.raise(interp.types().ValueError, "Too many decimal digits in format string");
        }
        return any ? v : -1;
    };
    spec.width = digits();
    if (i < s.size() && (s[i] == ',' || s[i] == '_'))
        spec.grouping = s[i++];
    if (i < s.size() && s[i] == '.') {
        ++i;
        spec.precision = digits();
        if (spec.precision < 0)
            interp.raise(interp.types().ValueError, "Format specifier missing precision");
    }
    if (i < s.size())
        spec.type = s[i++];
    if (i < s.size())
        interp.raise(interp.types().ValueError, "Invalid format specifier");
    return spec;
}

std::string group(const std::string& digits, char sep, std::size_t every)
{
    std::string out;
    const std::size_t n = digits.size();
    for (std::size_t i = 0; i < n; ++i) {
        if (i > 0 && (n - i) % every == 0)
            out += sep;
        out += digits[i];
    }
    return out;
}

std::string pad(const Spec& spec, std::string sign, std::string body, char defaultAlign)
{
    const char align = spec.align ? spec.align : defaultAlign;
    const std::int64_t len = codepoints(sign) + codepoints(body);
    if (spec.width < 0 || len >= spec.width)
        return sign + body;
    const auto fillCount = static_cast<std::size_t>(spec.width - len);
    const std::string fill(fillCount, spec.fill);
    switch (align) {
    case '<': return sign + body + fill;
    case '^': return std::string(fillCount / 2, spec.fill) + sign + body + std::string(fillCount - fillCount / 2, spec.fill);
    case '=': return sign + fill + body;
    default: return fill + sign + body;
    }
}

std::string formatFloatBody(double v, const Spec& spec, char type, bool& negative)
{
    negative = std::signbit(v) && !std::isnan(v);
    const double a = std::fabs(v);
    std::string body;
    const int precision = spec.precision < 0 ? 6 : spec.precision;
    switch (type) {
    case 'f':
    case 'F': body = cformat(spec.alternate ? "%#.*f" : "%.*f", precision, a); break;
    case 'e':
    case 'E': body = cformat(spec.alternate ? "%#.*e" : "%.*e", precision, a); break;
    case 'g':
    case 'G': body = cformat(spec.alternate ? "%#.*g" : "%.*g", precision == 0 ? 1 : precision, a); break;
    case '%':
        body = cformat(spec.alternate ? "%#.*f" : "%.*f", precision, a * 100) + "%";
        break;
    default:
        if (spec.precision < 0) {
            body = floatRepr(a);
        } else {
            body = cformat("%.*g", spec.precision == 0 ? 1 : spec.precision, a);
            if (body.find_first_of(".enai") == std::string::npos)
                body += ".0";
        }
    }
    if (type == 'F' || type == 'E' || type == 'G')
        for (char& c : body)
            c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (spec.grouping) {
        std::size_t end = body.find_first_not_of("0123456789");
        if (end == std::string::npos)
            end = body.size();
        body = group(body.substr(0, end), spec.grouping, 3) + body.substr(end);
    }
    return body;
}

} // namespace

std::string floatRepr(double value)
{
    if (std::isnan(value))
        return "nan";
    if (std::isinf(value))
        return value < 0 ? "-inf" : "inf";
    if (value == 0)
        return std::signbit(value) ? "-0.0" : "0.0";
    char buf[64];
    auto res = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific);
    std::string sci(buf, res.ptr);
    // sci: [-]d[.ddd]e±XX
    std::string sign;
    if (sci[0] == '-') {
        sign = "-";
        sci.erase(0, 1);
    }
    const auto epos = sci.find('e');
    std::string digits = sci.substr(0, epos);
    const int exponent = std::atoi(sci.c_str() + epos + 1);
    digits.erase(std::remove(digits.begin(), digits.end(), '.'), digits.end());
    if (exponent >= -4 && exponent < 16) {
        std::string out;
        if (exponent < 0) {
            out = "0." + std::string(static_cast<std::size_t>(-exponent - 1), '0') + digits;
        } else if (static_cast<std::size_t>(exponent) + 1 >= digits.size()) {
            out = digits + std::string(static_cast<std::size_t>(exponent) + 1 - digits.size(), '0') + ".0";
        } else {
            out = digits.substr(0, static_cast<std::size_t>(exponent) + 1) + "." +
                  digits.substr(static_cast<std::size_t>(exponent) + 1);
        }
        return sign + out;
    }
    std::string mantissa = digits.size() > 1 ? digits.substr(0, 1) + "." + digits.substr(1) : digits;
    char ebuf[16];
    std::snprintf(ebuf, sizeof ebuf, "e%c%02d", exponent < 0 ? '-' : '+', std::abs(exponent));
    return sign + mantissa + ebuf;
}

std::string formatWithSpec(Interpreter& interp, Value value, std::string_view specText)
{
    if (specText.empty())
        return interp.toStr(value);
    const Spec spec = parseSpec(interp, specText);
    auto unknown = [&](char type) {
        interp.raise(interp.types().ValueError, std::string("Unknown format code '") + type + "' for object of type '" +
                                                    interp.typeName(value) + "'");
    };
    if (const std::string* s = Interpreter::strOf(value)) {
        if (spec.type && spec.type != 's')
            unknown(spec.type);
        if (spec.sign != '-')
            interp.raise(interp.types().ValueError, "Sign not allowed in string format specifier");
        std::string body = *s;
        if (spec.precision >= 0 && codepoints(body) > spec.precision) {
            std::size_t cut = 0;
            int n = 0;
            while (cut < body.size() && n < spec.precision) {
                ++cut;
                while (cut < body.size() && (static_cast<unsigned char>(body[cut]) & 0xC0) == 0x80)
                    ++cut;
                ++n;
            }
            body.resize(cut);
        }
        return pad(spec, "", body, '<');
    }
    if (value.isIntegral()) {
        const std::int64_t v = value.asInt();
        const char type = spec.type;
        if (type == 'e' || type == 'E' || type == 'f' || type == 'F' || type == 'g' || type == 'G' || type == '%') {
            bool negative = false;
            std::string body = formatFloatBody(static_cast<double>(v), spec, type, negative);
            std::string sign = negative ? "-" : spec.sign == '+' ? "+" : spec.sign == ' ' ? " " : "";
            return pad(spec, sign, body, '>');
        }
        if (spec.precision >= 0)
            interp.raise(interp.types().ValueError, "Precision not allowed in integer format specifier");
        const bool negative = v < 0;
        const std::uint64_t mag = negative ? static_cast<std::uint64_t>(0) - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
        std::string body;
        std::string prefix;
        auto toBase = [&](unsigned base, bool upper) {
            if (mag == 0)
                return std::string("0");
            std::string out;
            std::uint64_t m = mag;
            const char* digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
            while (m) {
                out.insert(out.begin(), digits[m % base]);
                m /= base;
            }
            return out;
        };
        switch (type) {
        case 0:
        case 'd':
        case 'n': body = toBase(10, false); break;
        case 'b': body = toBase(2, false); prefix = "0b"; break;
        case 'o': body = toBase(8, false); prefix = "0o"; break;
        case 'x': body = toBase(16, false); prefix = "0x"; break;
        case 'X': body = toBase(16, true); prefix = "0X"; break;
        case 'c': {
            std::string out;
            const auto cp = static_cast<unsigned>(v);
            if (cp < 0x80)
                out += static_cast<char>(cp);
            else
                out = interp.toStr(interp.call(interp.builtinsModule()->globals.find("chr") ? *interp.builtinsModule()->globals.find("chr") : Value(), {value}));
            return pad(spec, "", out, '<');
        }
        default: unknown(type);
        }
        if (spec.grouping)
            body = group(body, spec.grouping, (type == 0 || type == 'd' || type == 'n') ? 3 : 4);
        std::string sign = negative ? "-" : spec.sign == '+' ? "+" : spec.sign == ' ' ? " " : "";
        if (spec.alternate)
            sign += prefix;
        return pad(spec, sign, body, '>');
    }
    if (value.isFloat()) {
        const char type = spec.type;
        if (type && std::string_view("eEfFgG%").find(type) == std::string_view::npos)
            unknown(type);
        bool negative = false;
        std::string body = formatFloatBody(value.asFloat(), spec, type, negative);
        std::string sign = negative ? "-" : spec.sign == '+' ? "+" : spec.sign == ' ' ? " " : "";
        return pad(spec, sign, body, '>');
    }
    if (value.isNone() || value.asObject()) {
        if (spec.type && spec.type != 's')
            interp.raise(interp.types().TypeError, "unsupported format string passed to " + interp.typeName(value) + ".__format__");
        return pad(spec, "", interp.toStr(value), '<');
    }
    return interp.toStr(value);
}

std::string percentFormat(Interpreter& interp, const std::string& format, Value args)
{
    std::vector<Value> values;
    Value mapping;
    if (auto* t = args.as<TupleObject>())
        values = t->items;
    else {
        values.push_back(args);
        if (args.as<DictObject>())
            mapping = args;
    }
    std::size_t next = 0;
    std::string out;
    auto take = [&]() -> Value {
        if (next >= values.size())
            interp.raise(interp.types().TypeError, "not enough arguments for format string");
        return values[next++];
    };
    bool usedMapping = false;
    for (std::size_t i = 0; i < format.size(); ++i) {
        const char c = format[i];
        if (c != '%') {
            out += c;
            continue;
        }
        const std::size_t start = i;
        ++i;
        if (i >= format.size())
            interp.raise(interp.types().ValueError, "incomplete format");
        Value arg;
        bool haveArg = false;
        if (format[i] == '(') {
            const std::size_t close = format.find(')', i);
            if (close == std::string::npos)
                interp.raise(interp.types().ValueError, "incomplete format key");
            if (mapping.isNone())
                interp.raise(interp.types().TypeError, "format requires a mapping");
            arg = interp.getItem(mapping, interp.newStr(format.substr(i + 1, close - i - 1)));
            haveArg = true;
            usedMapping = true;
            i = close + 1;
        }
        Spec spec;
        bool left = false;
        bool zero = false;
        while (i < format.size() && std::string_view("-+ #0").find(format[i]) != std::string_view::npos) {
            switch (format[i]) {
            case '-': left = true; break;
            case '+': spec.sign = '+'; break;
            case ' ': spec.sign = ' '; break;
            case '#': spec.alternate = true; break;
            case '0': zero = true; break;
            default: break;
            }
            ++i;
        }
        auto number = [&]() {
            if (i < format.size() && format[i] == '*') {
                ++i;
                return static_cast<int>(interp.expectInt(take(), "* wants int"));
            }
            int v = -1;
            while (i < format.size() && format[i] >= '0' && format[i] <= '9')
                v = (v < 0 ? 0 : v * 10) + (format[i++] - '0');
            return v;
        };
        spec.width = number();
        if (i < format.size() && format[i] == '.') {
            ++i;
            spec.precision = number();
            if (spec.precision < 0)
                spec.precision = 0;
        }
        while (i < format.size() && (format[i] == 'l' || format[i] == 'h' || format[i] == 'L'))
            ++i;
        if (i >= format.size())
            interp.raise(interp.types().ValueError, "incomplete format");
        const char conv = format[i];
        if (conv == '%') {
            out += '%';
            continue;
        }
        if (!haveArg)
            arg = take();
        spec.align = left ? '<' : (zero ? '=' : '>');
        spec.fill = zero && !left ? '0' : ' ';
        std::string piece;
        switch (conv) {
        case 's': {
            Spec s = spec;
            s.fill = ' ';
            s.sign = '-';
            if (!left)
                s.align = '>';
            std::string text = interp.toStr(arg);
            if (s.precision >= 0 && codepoints(text) > s.precision)
                text = text.substr(0, static_cast<std::size_t>(s.precision));
            s.precision = -1;
            piece = pad(s, "", text, '>');
            break;
        }
        case 'r':
        case 'a': {
            Spec s = spec;
            s.fill = ' ';
            if (!left)
                s.align = '>';
            piece = pad(s, "", interp.repr(arg), '>');
            break;
        }
        case 'd':
        case 'i':
        case 'u': {
            if (!arg.isNumber())
                interp.raise(interp.types().TypeError, std::string("%") + conv + " format: a real number is required, not " +
                                                           interp.typeName(arg));
            Value iv = arg.isFloat() ? Value::integer(static_cast<std::int64_t>(arg.asFloat())) : arg;
            spec.type = 'd';
            spec.precision = -1;
            piece = formatWithSpec(interp, iv, "");
            const bool negative = iv.asInt() < 0;
            std::string digits = negative ? piece.substr(1) : piece;
            std::string sign = negative ? "-" : spec.sign == '+' ? "+" : spec.sign == ' ' ? " " : "";
            piece = pad(spec, sign, digits, '>');
            break;
        }
        case 'x':
        case 'X':
        case 'o': {
            if (!arg.isIntegral())
                interp.raise(interp.types().TypeError, std::string("%") + conv + " format: an integer is required, not " +
                                                           interp.typeName(arg));
            std::string s;
            s += conv;
            std::string body = formatWithSpec(interp, arg, s);
            const bool negative = body[0] == '-';
            if (negative)
                body.erase(0, 1);
            std::string sign = negative ? "-" : spec.sign == '+' ? "+" : "";
            if (spec.alternate)
                sign += conv == 'o' ? "0o" : conv == 'x' ? "0x" : "0X";
            piece = pad(spec, sign, body, '>');
            break;
        }
        case 'e':
        case 'E':
        case 'f':
        case 'F':
        case 'g':
        case 'G': {
            if (!arg.isNumber())
                interp.raise(interp.types().TypeError, "must be real number, not " + interp.typeName(arg));
            bool negative = false;
            spec.type = conv;
            std::string body = formatFloatBody(arg.asFloat(), spec, conv, negative);
            std::string sign = negative ? "-" : spec.sign == '+' ? "+" : spec.sign == ' ' ? " " : "";
            piece = pad(spec, sign, body, '>');
            break;
        }
        case 'c': {
            if (const std::string* s = Interpreter::strOf(arg))
                piece = *s;
            else
                piece = std::string(1, static_cast<char>(interp.expectInt(arg, "%c requires int or char")));
            break;
        }
        default: {
            char hex[8];
            std::snprintf(hex, sizeof hex, "0x%x", static_cast<unsigned>(static_cast<unsigned char>(conv)));
            interp.raise(interp.types().ValueError, std::string("unsupported format character '") + conv + "' (" + hex +
                                                        ") at index " + std::to_string(i));
        }
        }
        (void)start;
        out += piece;
        interp.checkStringSize(out.size());
    }
    if (!usedMapping && mapping.isNone() && next < values.size())
        interp.raise(interp.types().TypeError, "not all arguments converted during string formatting");
    return out;
}

std::string strFormat(Interpreter& interp, const std::string& format, const std::vector<Value>& args,
                      const std::vector<std::pair<std::string, Value>>& kwargs)
{
    std::string out;
    int autoIndex = 0;
    bool usedAuto = false;
    bool usedManual = false;
    for (std::size_t i = 0; i < format.size(); ++i) {
        const char c = format[i];
        if (c == '{' && i + 1 < format.size() && format[i + 1] == '{') {
            out += '{';
            ++i;
            continue;
        }
        if (c == '}') {
            if (i + 1 < format.size() && format[i + 1] == '}') {
                out += '}';
                ++i;
                continue;
            }
            interp.raise(interp.types().ValueError, "Single '}' encountered in format string");
        }
        if (c != '{') {
            out += c;
            continue;
        }
        int depth = 1;
        std::size_t j = i + 1;
        for (; j < format.size(); ++j) {
            if (format[j] == '{')
                ++depth;
            else if (format[j] == '}' && --depth == 0)
                break;
        }
        if (j >= format.size())
            interp.raise(interp.types().ValueError, "expected '}' before end of string");
        std::string field = format.substr(i + 1, j - i - 1);
        i = j;
        std::string spec;
        char conversion = 0;
        const auto colon = field.find(':');
        if (colon != std::string::npos) {
            spec = strFormat(interp, field.substr(colon + 1), args, kwargs);
            field.resize(colon);
        }
        const auto bang = field.find('!');
        if (bang != std::string::npos) {
            if (bang + 2 != field.size())
                interp.raise(interp.types().ValueError, "expected ':' after conversion specifier");
            conversion = field[bang + 1];
            field.resize(bang);
        }
        std::size_t k = 0;
        while (k < field.size() && field[k] != '.' && field[k] != '[')
            ++k;
        const std::string head = field.substr(0, k);
        Value v;
        if (head.empty()) {
            if (usedManual)
                interp.raise(interp.types().ValueError, "cannot switch from manual field specification to automatic field numbering");
            usedAuto = true;
            if (autoIndex >= static_cast<int>(args.size()))
                interp.raise(interp.types().IndexError, "Replacement index " + std::to_string(autoIndex) +
                                                            " out of range for positional args tuple");
            v = args[static_cast<std::size_t>(autoIndex++)];
        } else if (head.find_first_not_of("0123456789") == std::string::npos) {
            if (usedAuto)
                interp.raise(interp.types().ValueError, "cannot switch from automatic field numbering to manual field specification");
            usedManual = true;
            const auto index = static_cast<std::size_t>(std::stoul(head));
            if (index >= args.size())
                interp.raise(interp.types().IndexError, "Replacement index " + head + " out of range for positional args tuple");
            v = args[index];
        } else {
            bool found = false;
            for (const auto& [name, value] : kwargs) {
                if (name == head) {
                    v = value;
                    found = true;
                }
            }
            if (!found) {
                ExceptionObject* e = interp.newException(interp.types().KeyError, "");
                e->args.push_back(interp.newStr(head));
                interp.raise(Value(e));
            }
        }
        while (k < field.size()) {
            if (field[k] == '.') {
                std::size_t e = k + 1;
                while (e < field.size() && field[e] != '.' && field[e] != '[')
                    ++e;
                v = interp.getAttr(v, field.substr(k + 1, e - k - 1));
                k = e;
            } else {
                const std::size_t close = field.find(']', k);
                if (close == std::string::npos)
                    interp.raise(interp.types().ValueError, "Missing ']' in format string");
                const std::string key = field.substr(k + 1, close - k - 1);
                Value keyValue = key.find_first_not_of("0123456789") == std::string::npos && !key.empty()
                                     ? Value::integer(std::stoll(key))
                                     : interp.newStr(key);
                v = interp.getItem(v, keyValue);
                k = close + 1;
            }
        }
        if (conversion == 'r' || conversion == 'a')
            v = interp.newStr(interp.repr(v));
        else if (conversion == 's')
            v = interp.newStr(interp.toStr(v));
        else if (conversion)
            interp.raise(interp.types().ValueError, std::string("Unknown conversion specifier ") + conversion);
        out += interp.format(v, spec);
        interp.checkStringSize(out.size());
    }
    return out;
}

} // namespace pipelab::py
