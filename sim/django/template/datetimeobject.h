// DateTimeObject: Python's datetime.date and datetime.datetime as native objects, the values the
// `date` filter, {% now %} and localisation format. Kept to what templates observe: the fields,
// str()/repr() as Python prints them, comparison and hashing. Aware datetimes are UTC only
// (TIME_ZONE = "UTC", USE_TZ = True in a startproject), so str() ends in "+00:00".
#pragma once

#include "sim/python/object.h"

#include <optional>
#include <string>

namespace pipelab::django::templates {

struct DateParts {
    int year = 1970;
    int month = 1;
    int day = 1;
    int hour = 0;
    int minute = 0;
    int second = 0;
    int microsecond = 0;
    bool hasTime = false; // datetime (true) or date (false)
    bool aware = false;   // tzinfo=UTC

    // 0 = Monday ... 6 = Sunday, as date.weekday().
    int weekday() const;
    // 1-based day of the year.
    int dayOfYear() const;
    bool isLeapYear() const;
    int daysInMonth() const;
    // Seconds since 1970-01-01 00:00:00 (treating naive values as UTC).
    long long epochSeconds() const;
    static DateParts fromEpochSeconds(long long seconds, bool aware);

    std::string isoString() const;  // str(value)
    std::string reprString() const; // repr(value)
    auto operator<=>(const DateParts& other) const = default;
};

class DateTimeObject final : public py::Object {
public:
    DateTimeObject(py::ClassObject* cls, DateParts parts) : Object(cls), parts(parts) {}
    DateParts parts;

    std::optional<py::Value> getAttr(py::Interpreter& interp, std::string_view name) override;
    std::optional<std::string> repr(py::Interpreter&) override { return parts.reprString(); }
    std::optional<std::string> str(py::Interpreter&) override { return parts.isoString(); }
    std::optional<bool> equals(py::Interpreter&, py::Value other) override;
    std::optional<py::Value> compare(py::Interpreter& interp, py::CompareOp op, py::Value other) override;
    std::optional<std::size_t> hash(py::Interpreter&) override;
};

} // namespace pipelab::django::templates
