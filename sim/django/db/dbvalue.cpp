// DbValue: SQLite value semantics (comparison across storage classes, QUOTE literals).
#include "sim/django/db/dbvalue.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace pipelab::django::db {

std::optional<Decimal> Decimal::parse(std::string_view text)
{
    Decimal d;
    bool negative = false;
    std::size_t i = 0;
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) {
        negative = text[i] == '-';
        ++i;
    }
    bool digits = false;
    bool point = false;
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '.' && !point) {
            point = true;
            continue;
        }
        if (c < '0' || c > '9')
            return std::nullopt;
        if (d.units > (INT64_MAX - 9) / 10)
            return std::nullopt;
        d.units = d.units * 10 + (c - '0');
        digits = true;
        if (point)
            ++d.scale;
    }
    if (!digits)
        return std::nullopt;
    if (negative)
        d.units = -d.units;
    return d;
}

std::string Decimal::toString() const
{
    std::string digits = std::to_string(units < 0 ? -units : units);
    if (scale > 0) {
        if (static_cast<int>(digits.size()) <= scale)
            digits.insert(0, static_cast<std::size_t>(scale - static_cast<int>(digits.size()) + 1), '0');
        digits.insert(digits.size() - static_cast<std::size_t>(scale), ".");
    }
    return units < 0 ? "-" + digits : digits;
}

double Decimal::toDouble() const
{
    return static_cast<double>(units) / std::pow(10.0, scale);
}

namespace {

// SQLite 3.40's printf for %!.<precision>g / %!.<precision>e (printf.c, etGENERIC/etEXP with
// the "!" flag): digits are produced from a long double by repeated multiplication, so the
// 17th-20th digits match SQLite's, not an exact conversion's.
std::string sqlitePrintf(double value, int precision, bool generic)
{
    using LongDouble = long double;
    LongDouble realvalue = value;
    std::string prefix;
    if (realvalue < 0.0L) {
        realvalue = -realvalue;
        prefix = "-";
    }
    if (generic && precision > 0)
        --precision;
    LongDouble rounder = 0.5L;
    for (int idx = precision & 0xfff; idx > 0; --idx)
        rounder *= 0.1L;
    int exp = 0;
    if (realvalue > 0.0L) {
        LongDouble scale = 1.0L;
        while (realvalue >= 1e100L * scale && exp <= 350) {
            scale *= 1e100L;
            exp += 100;
        }
        while (realvalue >= 1e10L * scale && exp <= 350) {
            scale *= 1e10L;
            exp += 10;
        }
        while (realvalue >= 10.0L * scale && exp <= 350) {
            scale *= 10.0L;
            exp++;
        }
        realvalue /= scale;
        while (realvalue < 1e-8L) {
            realvalue *= 1e8L;
            exp -= 8;
        }
        while (realvalue < 1.0L) {
            realvalue *= 10.0L;
            exp--;
        }
    }
    realvalue += rounder;
    if (realvalue >= 10.0L) {
        realvalue *= 0.1L;
        exp++;
    }
    bool expForm = !generic;
    bool removeTrailingZeros = false;
    if (generic) {
        removeTrailingZeros = true;
        if (exp < -4 || exp > precision) {
            expForm = true;
        } else {
            precision = precision - exp;
        }
    }
    int significant = 26; // 16 + 10 for the "!" flag
    auto digit = [&realvalue, &significant]() {
        if (significant <= 0)
            return '0';
        --significant;
        const int d = static_cast<int>(realvalue);
        realvalue = (realvalue - static_cast<LongDouble>(d)) * 10.0L;
        return static_cast<char>('0' + d);
    };
    std::string out;
    int e2 = expForm ? 0 : exp;
    if (e2 < 0) {
        out += '0';
    } else {
        for (; e2 >= 0; --e2)
            out += digit();
    }
    out += '.';
    for (e2++; e2 < 0; precision--, e2++)
        out += '0';
    while ((precision--) > 0)
        out += digit();
    if (removeTrailingZeros) {
        while (out.back() == '0')
            out.pop_back();
        if (out.back() == '.')
            out += '0';
    }
    if (expForm) {
        out += 'e';
        int x = exp;
        if (x < 0) {
            out += '-';
            x = -x;
        } else {
            out += '+';
        }
        if (x >= 100) {
            out += static_cast<char>('0' + x / 100);
            x %= 100;
        }
        out += static_cast<char>('0' + x / 10);
        out += static_cast<char>('0' + x % 10);
    }
    return prefix + out;
}

} // namespace

std::string formatSqliteReal(double v)
{
    if (std::isnan(v))
        return "NULL";
    if (std::isinf(v))
        return v > 0 ? "9.0e+999" : "-9.0e+999";
    // QUOTE(): "%!.15g", or "%!.20e" when that does not read back as the same double.
    std::string s = sqlitePrintf(v, 15, true);
    if (std::strtod(s.c_str(), nullptr) != v)
        s = sqlitePrintf(v, 20, false);
    return s;
}

Decimal decimalFromFloat(double v, int precision)
{
    if (!std::isfinite(v) || v == 0)
        return Decimal{0, 0};
    // Mantissa digits and decimal exponent: "d.ddd...e±X".
    auto digitsOf = [v](int sig, std::string& digits, int& exponent) {
        char buf[128];
        std::snprintf(buf, sizeof buf, "%.*e", sig - 1, std::fabs(v));
        const std::string s = buf;
        const auto e = s.find('e');
        digits.clear();
        for (std::size_t i = 0; i < e; ++i)
            if (s[i] != '.')
                digits += s[i];
        exponent = std::atoi(s.c_str() + e + 1);
    };
    std::string digits;
    int exponent = 0;
    digitsOf(60, digits, exponent);
    std::size_t last = digits.find_last_not_of('0');
    if (last + 1 > static_cast<std::size_t>(precision))
        digitsOf(precision, digits, exponent); // inexact: round, keep all `precision` digits
    else
        digits.resize(last + 1);
    // value = 0.digits × 10^(exponent + 1); scale = digits after the point.
    int scale = static_cast<int>(digits.size()) - 1 - exponent;
    std::int64_t units = 0;
    for (const char c : digits)
        units = units * 10 + (c - '0');
    while (scale < 0 && units < INT64_MAX / 10) {
        units *= 10;
        ++scale;
    }
    return Decimal{v < 0 ? -units : units, scale};
}

bool DbValue::isNumeric() const
{
    return std::holds_alternative<bool>(v_) || std::holds_alternative<std::int64_t>(v_)
        || std::holds_alternative<double>(v_) || std::holds_alternative<Decimal>(v_);
}

bool DbValue::isText() const
{
    return std::holds_alternative<std::string>(v_) || std::holds_alternative<Date>(v_)
        || std::holds_alternative<DateTime>(v_);
}

std::optional<std::int64_t> DbValue::asInt() const
{
    if (const auto* b = std::get_if<bool>(&v_))
        return *b ? 1 : 0;
    if (const auto* i = std::get_if<std::int64_t>(&v_))
        return *i;
    if (const auto* d = std::get_if<double>(&v_)) {
        if (std::trunc(*d) == *d && std::fabs(*d) < 9e18)
            return static_cast<std::int64_t>(*d);
        return std::nullopt;
    }
    if (const auto* dec = std::get_if<Decimal>(&v_)) {
        std::int64_t u = dec->units;
        for (int s = 0; s < dec->scale; ++s) {
            if (u % 10 != 0)
                return std::nullopt;
            u /= 10;
        }
        return u;
    }
    return std::nullopt;
}

double DbValue::asDouble() const
{
    if (const auto* b = std::get_if<bool>(&v_))
        return *b ? 1 : 0;
    if (const auto* i = std::get_if<std::int64_t>(&v_))
        return static_cast<double>(*i);
    if (const auto* d = std::get_if<double>(&v_))
        return *d;
    if (const auto* dec = std::get_if<Decimal>(&v_))
        return dec->toDouble();
    return 0;
}

std::string DbValue::text() const
{
    return std::visit(
        [](const auto& x) -> std::string {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, std::monostate>)
                return "";
            else if constexpr (std::is_same_v<T, bool>)
                return x ? "1" : "0";
            else if constexpr (std::is_same_v<T, std::int64_t>)
                return std::to_string(x);
            else if constexpr (std::is_same_v<T, double>)
                return formatSqliteReal(x);
            else if constexpr (std::is_same_v<T, Decimal>)
                return x.toString();
            else if constexpr (std::is_same_v<T, std::string>)
                return x;
            else
                return x.iso;
        },
        v_);
}

static std::string quoteText(const std::string& s)
{
    std::string out = "'";
    for (const char c : s) {
        if (c == '\'')
            out += '\'';
        out += c;
    }
    out += '\'';
    return out;
}

std::string DbValue::sqlLiteral() const
{
    if (isNull())
        return "NULL";
    // Django registers str() as the sqlite3 adapter for Decimal: it is bound as TEXT.
    if (isText() || std::holds_alternative<Decimal>(v_))
        return quoteText(text());
    return text();
}

std::string DbValue::repr() const
{
    if (std::holds_alternative<Decimal>(v_))
        return text();
    return sqlLiteral();
}

// 128-bit intermediate so that scale alignment of two decimals cannot overflow.
__extension__ typedef __int128 Wide;

// Numeric comparison that stays exact for integers and decimals.
static std::strong_ordering compareNumbers(const DbValue& a, const DbValue& b)
{
    const auto ai = a.asInt();
    const auto bi = b.asInt();
    if (ai && bi)
        return *ai <=> *bi;
    const auto* ad = std::get_if<Decimal>(&a.variant());
    const auto* bd = std::get_if<Decimal>(&b.variant());
    if ((ad || ai) && (bd || bi)) {
        const Decimal x = ad ? *ad : Decimal::fromInt(*ai);
        const Decimal y = bd ? *bd : Decimal::fromInt(*bi);
        Wide xu = x.units;
        Wide yu = y.units;
        for (int s = x.scale; s < y.scale; ++s)
            xu *= 10;
        for (int s = y.scale; s < x.scale; ++s)
            yu *= 10;
        return xu < yu ? std::strong_ordering::less : xu > yu ? std::strong_ordering::greater : std::strong_ordering::equal;
    }
    const double x = a.asDouble();
    const double y = b.asDouble();
    return x < y ? std::strong_ordering::less : x > y ? std::strong_ordering::greater : std::strong_ordering::equal;
}

std::strong_ordering sqlCompare(const DbValue& a, const DbValue& b)
{
    const int ca = a.isNull() ? 0 : a.isNumeric() ? 1 : 2;
    const int cb = b.isNull() ? 0 : b.isNumeric() ? 1 : 2;
    if (ca != cb)
        return ca <=> cb;
    if (ca == 0)
        return std::strong_ordering::equal;
    if (ca == 1)
        return compareNumbers(a, b);
    const int c = a.text().compare(b.text());
    return c < 0 ? std::strong_ordering::less : c > 0 ? std::strong_ordering::greater : std::strong_ordering::equal;
}

} // namespace pipelab::django::db
