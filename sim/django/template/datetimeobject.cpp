// DateTimeObject: calendar arithmetic (Howard Hinnant's days-from-civil) and Python's str/repr.
#include "sim/django/template/datetimeobject.h"

#include "sim/python/interpreter.h"

#include <fmt/format.h>

#include <functional>

namespace pipelab::django::templates {

namespace {

long long daysFromCivil(long long y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const long long era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<long long>(doe) - 719468;
}

void civilFromDays(long long z, int& y, int& m, int& d)
{
    z += 719468;
    const long long era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    y = static_cast<int>(static_cast<long long>(yoe) + era * 400 + (m <= 2));
}

} // namespace

int DateParts::weekday() const
{
    const long long days = daysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
    // 1970-01-01 was a Thursday (weekday 3).
    return static_cast<int>(((days % 7) + 7 + 3) % 7);
}

bool DateParts::isLeapYear() const
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int DateParts::daysInMonth() const
{
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2 && isLeapYear())
        return 29;
    return kDays[(month - 1) % 12];
}

int DateParts::dayOfYear() const
{
    return static_cast<int>(daysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) -
                            daysFromCivil(year, 1, 1)) +
           1;
}

long long DateParts::epochSeconds() const
{
    return daysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * 86400 + hour * 3600 +
           minute * 60 + second;
}

DateParts DateParts::fromEpochSeconds(long long seconds, bool aware)
{
    DateParts p;
    long long days = seconds / 86400;
    long long rest = seconds % 86400;
    if (rest < 0) {
        rest += 86400;
        --days;
    }
    civilFromDays(days, p.year, p.month, p.day);
    p.hour = static_cast<int>(rest / 3600);
    p.minute = static_cast<int>(rest / 60 % 60);
    p.second = static_cast<int>(rest % 60);
    p.hasTime = true;
    p.aware = aware;
    return p;
}

std::string DateParts::isoString() const
{
    std::string s = fmt::format("{:04d}-{:02d}-{:02d}", year, month, day);
    if (!hasTime)
        return s;
    s += fmt::format(" {:02d}:{:02d}:{:02d}", hour, minute, second);
    if (microsecond)
        s += fmt::format(".{:06d}", microsecond);
    if (aware)
        s += "+00:00";
    return s;
}

std::string DateParts::reprString() const
{
    if (!hasTime)
        return fmt::format("datetime.date({}, {}, {})", year, month, day);
    std::string s = fmt::format("datetime.datetime({}, {}, {}, {}, {}", year, month, day, hour, minute);
    if (microsecond)
        s += fmt::format(", {}, {}", second, microsecond);
    else if (second)
        s += fmt::format(", {}", second);
    if (aware)
        s += ", tzinfo=datetime.timezone.utc";
    return s + ")";
}

std::optional<py::Value> DateTimeObject::getAttr(py::Interpreter&, std::string_view name)
{
    if (name == "year")
        return py::Value::integer(parts.year);
    if (name == "month")
        return py::Value::integer(parts.month);
    if (name == "day")
        return py::Value::integer(parts.day);
    if (parts.hasTime) {
        if (name == "hour")
            return py::Value::integer(parts.hour);
        if (name == "minute")
            return py::Value::integer(parts.minute);
        if (name == "second")
            return py::Value::integer(parts.second);
        if (name == "microsecond")
            return py::Value::integer(parts.microsecond);
    }
    return std::nullopt;
}

namespace {
const DateTimeObject* otherDate(py::Value other, bool hasTime)
{
    auto* o = dynamic_cast<DateTimeObject*>(other.asObject());
    return o && o->parts.hasTime == hasTime ? o : nullptr;
}
} // namespace

std::optional<bool> DateTimeObject::equals(py::Interpreter&, py::Value other)
{
    const DateTimeObject* o = otherDate(other, parts.hasTime);
    return o && o->parts == parts;
}

std::optional<py::Value> DateTimeObject::compare(py::Interpreter& interp, py::CompareOp op, py::Value other)
{
    const DateTimeObject* o = otherDate(other, parts.hasTime);
    if (!o) {
        if (op == py::CompareOp::Eq || op == py::CompareOp::NotEq)
            return py::Value::boolean(op == py::CompareOp::NotEq);
        interp.raise(interp.types().TypeError,
                     fmt::format("'{}' not supported between instances of '{}' and '{}'", py::symbol(op),
                                 interp.typeName(py::Value(this)), interp.typeName(other)));
    }
    const auto c = parts <=> o->parts;
    switch (op) {
    case py::CompareOp::Eq: return py::Value::boolean(c == 0);
    case py::CompareOp::NotEq: return py::Value::boolean(c != 0);
    case py::CompareOp::Lt: return py::Value::boolean(c < 0);
    case py::CompareOp::LtE: return py::Value::boolean(c <= 0);
    case py::CompareOp::Gt: return py::Value::boolean(c > 0);
    case py::CompareOp::GtE: return py::Value::boolean(c >= 0);
    default: return std::nullopt;
    }
}

std::optional<std::size_t> DateTimeObject::hash(py::Interpreter&)
{
    return std::hash<long long>{}(parts.epochSeconds() * 1000000 + parts.microsecond);
}

} // namespace pipelab::django::templates
