// Decimal text arithmetic for floatformat: quantize with ROUND_HALF_UP, then numberformat.
#include "sim/django/template/numberformat.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace pipelab::django::templates::numberformat {

namespace {

std::string lower(std::string_view s)
{
    std::string out(s);
    for (char& c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string_view trim(std::string_view s)
{
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
        s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
        s.remove_suffix(1);
    return s;
}

} // namespace

bool isSpecialDecimal(std::string_view text)
{
    std::string t = lower(trim(text));
    if (!t.empty() && (t[0] == '+' || t[0] == '-'))
        t.erase(0, 1);
    return t == "inf" || t == "infinity" || t == "nan" || t == "snan";
}

std::optional<DecimalNumber> parseDecimal(std::string_view text)
{
    std::string_view s = trim(text);
    DecimalNumber d;
    if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
        d.negative = s[0] == '-';
        s.remove_prefix(1);
    }
    std::string digits;
    int fraction = 0;
    bool seenDot = false, any = false;
    std::size_t i = 0;
    for (; i < s.size(); ++i) {
        const char c = s[i];
        if (std::isdigit(static_cast<unsigned char>(c))) {
            digits += c;
            any = true;
            if (seenDot)
                ++fraction;
        } else if (c == '.' && !seenDot) {
            seenDot = true;
        } else if (c == '_' ) {
            return std::nullopt;
        } else {
            break;
        }
    }
    if (!any)
        return std::nullopt;
    long long exponent = 0;
    if (i < s.size()) {
        if (s[i] != 'e' && s[i] != 'E')
            return std::nullopt;
        ++i;
        std::string_view e = s.substr(i);
        bool neg = false;
        if (!e.empty() && (e[0] == '+' || e[0] == '-')) {
            neg = e[0] == '-';
            e.remove_prefix(1);
        }
        if (e.empty() || e.size() > 9 || !std::all_of(e.begin(), e.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
            return std::nullopt;
        exponent = std::atoll(std::string(e).c_str());
        if (neg)
            exponent = -exponent;
    }
    const std::size_t nz = digits.find_first_not_of('0');
    d.digits = nz == std::string::npos ? "0" : digits.substr(nz);
    d.exponent = static_cast<int>(exponent - fraction);
    return d;
}

std::string toPlain(const DecimalNumber& d)
{
    std::string out;
    if (d.exponent >= 0) {
        out = d.digits + (d.digits == "0" ? std::string() : std::string(static_cast<std::size_t>(d.exponent), '0'));
        if (d.digits == "0" && d.exponent > 0)
            out = "0";
    } else {
        const std::size_t places = static_cast<std::size_t>(-d.exponent);
        std::string digits = d.digits;
        if (digits.size() <= places)
            digits.insert(0, places - digits.size() + 1, '0');
        out = digits.substr(0, digits.size() - places) + "." + digits.substr(digits.size() - places);
    }
    return (d.negative ? "-" : "") + out;
}

std::string format(std::string_view number, std::optional<int> decimalPos, bool grouping)
{
    std::string sign;
    std::string_view s = number;
    if (!s.empty() && s[0] == '-') {
        sign = "-";
        s.remove_prefix(1);
    }
    std::string intPart, decPart;
    if (const std::size_t dot = s.find('.'); dot != std::string_view::npos) {
        intPart = std::string(s.substr(0, dot));
        decPart = std::string(s.substr(dot + 1));
        if (decimalPos)
            decPart = decPart.substr(0, static_cast<std::size_t>(*decimalPos));
    } else {
        intPart = std::string(s);
    }
    if (decimalPos && static_cast<int>(decPart.size()) < *decimalPos)
        decPart.append(static_cast<std::size_t>(*decimalPos) - decPart.size(), '0');
    if (!decPart.empty())
        decPart = "." + decPart;
    if (grouping) {
        std::string grouped;
        int count = 0;
        for (auto it = intPart.rbegin(); it != intPart.rend(); ++it) {
            if (count && count % 3 == 0)
                grouped += ',';
            grouped += *it;
            ++count;
        }
        intPart.assign(grouped.rbegin(), grouped.rend());
    }
    return sign + intPart + decPart;
}

std::string floatformat(const DecimalNumber& d, long long p, bool forceGrouping)
{
    // m = int(d) - d: is there a non-zero fractional part?
    bool fractional = false;
    if (d.exponent < 0) {
        const std::size_t places = static_cast<std::size_t>(-d.exponent);
        const std::string frac = d.digits.size() <= places ? d.digits : d.digits.substr(d.digits.size() - places);
        fractional = frac.find_first_not_of('0') != std::string::npos;
    }
    if (!fractional && p < 0) {
        DecimalNumber whole = d;
        if (whole.exponent < 0) {
            const std::size_t places = static_cast<std::size_t>(-whole.exponent);
            whole.digits = whole.digits.size() <= places ? "0" : whole.digits.substr(0, whole.digits.size() - places);
            whole.exponent = 0;
        }
        if (whole.digits == "0")
            whole.negative = false;
        return format(toPlain(whole), 0, forceGrouping);
    }
    const long long places = p < 0 ? -p : p;
    // Quantize to `places` decimals, ROUND_HALF_UP (away from zero on a tie).
    std::string digits = d.digits;
    long long exponent = d.exponent;
    if (exponent > -places) {
        digits.append(static_cast<std::size_t>(exponent + places), '0');
    } else if (exponent < -places) {
        const std::size_t drop = static_cast<std::size_t>(-places - exponent);
        bool roundUp = false;
        if (drop > digits.size()) {
            digits = "0";
        } else {
            const char firstDropped = digits[digits.size() - drop];
            roundUp = firstDropped >= '5';
            digits.erase(digits.size() - drop);
            if (digits.empty())
                digits = "0";
        }
        if (roundUp) {
            int i = static_cast<int>(digits.size()) - 1;
            while (i >= 0 && digits[static_cast<std::size_t>(i)] == '9') {
                digits[static_cast<std::size_t>(i)] = '0';
                --i;
            }
            if (i < 0)
                digits.insert(0, "1");
            else
                ++digits[static_cast<std::size_t>(i)];
        }
    }
    const std::size_t nz = digits.find_first_not_of('0');
    digits = nz == std::string::npos ? "0" : digits.substr(nz);
    const bool isZero = digits == "0";
    // digits reversed, padded with '0' until longer than the exponent, '.' inserted.
    std::string rev(digits.rbegin(), digits.rend());
    while (static_cast<long long>(rev.size()) <= places)
        rev += '0';
    rev.insert(static_cast<std::size_t>(places), ".");
    if (d.negative && !isZero)
        rev += '-';
    const std::string number(rev.rbegin(), rev.rend());
    return format(number, static_cast<int>(places), forceGrouping);
}

std::string localizeFloat(std::string_view pythonRepr)
{
    if (pythonRepr.find_first_of("eE") == std::string_view::npos || isSpecialDecimal(pythonRepr))
        return std::string(pythonRepr);
    const auto d = parseDecimal(pythonRepr);
    if (!d || static_cast<long long>(d->digits.size()) + std::llabs(d->exponent) > 200)
        return std::string(pythonRepr);
    return toPlain(*d);
}

} // namespace pipelab::django::templates::numberformat
