// DbValue: one SQL value as the simulated SQLite database holds it, plus the two things every
// query needs from it: SQLite's comparison order and the literal that SQLite's QUOTE() gives,
// which is how Django's last_executed_query inlines parameters into connection.queries.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace pipelab::django::db {

// An exact decimal: units / 10^scale. Kept exactly as written ("5.00" has scale 2) because
// Django passes Decimal parameters to SQLite as str(value), so the scale shows in the SQL.
struct Decimal {
    std::int64_t units = 0;
    int scale = 0;

    static std::optional<Decimal> parse(std::string_view text);
    static Decimal fromInt(std::int64_t v) { return {v, 0}; }
    std::string toString() const;
    double toDouble() const;
};

// Dates and datetimes are stored as SQLite stores them: ISO text ("2024-02-10",
// "2024-01-05 10:30:00"); they compare as text, which is chronological for this format.
struct Date {
    std::string iso;
};
struct DateTime {
    std::string iso;
};

class DbValue {
public:
    using Variant = std::variant<std::monostate, bool, std::int64_t, double, Decimal, std::string, Date, DateTime>;

    DbValue() = default;
    DbValue(std::nullptr_t) {}
    DbValue(bool v) : v_(v) {}
    DbValue(int v) : v_(std::int64_t{v}) {}
    DbValue(std::int64_t v) : v_(v) {}
    DbValue(double v) : v_(v) {}
    DbValue(Decimal v) : v_(v) {}
    DbValue(std::string v) : v_(std::move(v)) {}
    DbValue(const char* v) : v_(std::string(v)) {}
    DbValue(Date v) : v_(std::move(v)) {}
    DbValue(DateTime v) : v_(std::move(v)) {}

    const Variant& variant() const { return v_; }
    bool isNull() const { return std::holds_alternative<std::monostate>(v_); }
    bool isNumeric() const; // bool, int, double, Decimal: SQLite's INTEGER/REAL storage classes
    bool isText() const;    // string, Date, DateTime: SQLite's TEXT storage class
    std::optional<std::int64_t> asInt() const; // ints and bools (and integral decimals/doubles)
    double asDouble() const;                    // numeric value; 0 for non-numeric
    std::string text() const;                   // text form as SQLite's CAST(x AS TEXT) gives

    // SQLite's literal for the value: what QUOTE(?) returns for the parameter Django binds.
    std::string sqlLiteral() const;
    // A readable form for reports and tests: like sqlLiteral but Decimal unquoted.
    std::string repr() const;

    // SQLite ordering across storage classes: NULL < numbers < text (BINARY collation).
    friend std::strong_ordering sqlCompare(const DbValue& a, const DbValue& b);
    friend bool operator==(const DbValue& a, const DbValue& b) { return sqlCompare(a, b) == 0; }

private:
    Variant v_;
};

// Python's decimal.Context(prec=precision).create_decimal_from_float(v): what Django's SQLite
// converter makes of a DecimalField aggregate (CAST(SUM(...) AS NUMERIC) returns a REAL):
// exact when the binary value has at most `precision` digits (15.75), else rounded to that many
// significant digits with trailing zeros kept (0.99 → 0.990000000000000).
Decimal decimalFromFloat(double v, int precision = 15);

// SQLite's text for a REAL as QUOTE() writes it ("%!.15g", ".0" kept, 20 digits if needed).
std::string formatSqliteReal(double v);

} // namespace pipelab::django::db
