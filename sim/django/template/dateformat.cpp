// DateFormat: one method per format character in Django's DateFormat/TimeFormat, folded into a
// switch; names are the en translations Django ships.
#include "sim/django/template/dateformat.h"

#include <fmt/format.h>

#include <array>

namespace pipelab::django::templates {

namespace {

constexpr std::array<const char*, 12> kMonths = {"January", "February", "March",     "April",   "May",      "June",
                                                 "July",    "August",   "September", "October", "November", "December"};
constexpr std::array<const char*, 12> kMonths3 = {"jan", "feb", "mar", "apr", "may", "jun",
                                                  "jul", "aug", "sep", "oct", "nov", "dec"};
constexpr std::array<const char*, 12> kMonthsAp = {"Jan.", "Feb.", "March", "April", "May",  "June",
                                                   "July", "Aug.", "Sept.", "Oct.",  "Nov.", "Dec."};
constexpr std::array<const char*, 7> kWeekdays = {"Monday", "Tuesday", "Wednesday", "Thursday",
                                                  "Friday", "Saturday", "Sunday"};
constexpr std::array<const char*, 7> kWeekdaysAbbr = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

constexpr std::string_view kFormatChars = "aAbcdDeEfFgGhHiIjlLmMnNoOPrsStTUuwWyYzZ";
// TimeFormat's specifiers: not allowed for a date.
constexpr std::string_view kTimeChars = "aAeEfgGhHiIOPrsTuZ";

// ISO 8601 (year, week) as date.isocalendar() gives them.
std::pair<int, int> isoCalendar(const DateParts& d)
{
    auto weekOneMonday = [](int year) {
        DateParts jan4;
        jan4.year = year;
        jan4.month = 1;
        jan4.day = 4;
        return jan4.epochSeconds() / 86400 - jan4.weekday();
    };
    DateParts day = d;
    day.hour = day.minute = day.second = 0;
    const long long today = day.epochSeconds() / 86400;
    int year = d.year;
    long long start = weekOneMonday(year);
    if (today < start) {
        --year;
        start = weekOneMonday(year);
    } else if (today >= weekOneMonday(year + 1)) {
        ++year;
        start = weekOneMonday(year);
    }
    return {year, static_cast<int>((today - start) / 7 + 1)};
}

std::string twelveHour(const DateParts& d)
{
    const int g = d.hour % 12 == 0 ? 12 : d.hour % 12;
    if (d.minute == 0)
        return std::to_string(g);
    return fmt::format("{}:{:02d}", g, d.minute);
}

std::string ampm(const DateParts& d)
{
    return d.hour > 11 ? "p.m." : "a.m.";
}

std::string isoFormat(const DateParts& d)
{
    std::string s = fmt::format("{:04d}-{:02d}-{:02d}", d.year, d.month, d.day);
    if (!d.hasTime)
        return s;
    s += fmt::format("T{:02d}:{:02d}:{:02d}", d.hour, d.minute, d.second);
    if (d.microsecond)
        s += fmt::format(".{:06d}", d.microsecond);
    if (d.aware)
        s += "+00:00";
    return s;
}

std::string formatChar(const DateParts& d, char c)
{
    switch (c) {
    case 'a': return ampm(d);
    case 'A': return d.hour > 11 ? "PM" : "AM";
    case 'b': return kMonths3[static_cast<std::size_t>(d.month - 1)];
    case 'c': return isoFormat(d);
    case 'd': return fmt::format("{:02d}", d.day);
    case 'D': return kWeekdaysAbbr[static_cast<std::size_t>(d.weekday())];
    case 'e': return d.aware ? "UTC" : "";
    case 'E':
    case 'F': return kMonths[static_cast<std::size_t>(d.month - 1)];
    case 'f': return twelveHour(d);
    case 'g': return std::to_string(d.hour % 12 == 0 ? 12 : d.hour % 12);
    case 'G': return std::to_string(d.hour);
    case 'h': return fmt::format("{:02d}", d.hour % 12 == 0 ? 12 : d.hour % 12);
    case 'H': return fmt::format("{:02d}", d.hour);
    case 'i': return fmt::format("{:02d}", d.minute);
    case 'I': return "0";
    case 'j': return std::to_string(d.day);
    case 'l': return kWeekdays[static_cast<std::size_t>(d.weekday())];
    case 'L': return d.isLeapYear() ? "True" : "False";
    case 'm': return fmt::format("{:02d}", d.month);
    case 'M': {
        std::string m = kMonths3[static_cast<std::size_t>(d.month - 1)];
        m[0] = static_cast<char>(m[0] - 'a' + 'A');
        return m;
    }
    case 'n': return std::to_string(d.month);
    case 'N': return kMonthsAp[static_cast<std::size_t>(d.month - 1)];
    case 'o': return std::to_string(isoCalendar(d).first);
    case 'O': return "+0000";
    case 'P':
        if (d.minute == 0 && d.hour == 0)
            return "midnight";
        if (d.minute == 0 && d.hour == 12)
            return "noon";
        return twelveHour(d) + " " + ampm(d);
    case 'r':
        return fmt::format("{}, {:02d} {} {:04d} {:02d}:{:02d}:{:02d} +0000",
                           kWeekdaysAbbr[static_cast<std::size_t>(d.weekday())], d.day,
                           formatChar(d, 'M'), d.year, d.hour, d.minute, d.second);
    case 's': return fmt::format("{:02d}", d.second);
    case 'S':
        if (d.day == 11 || d.day == 12 || d.day == 13)
            return "th";
        switch (d.day % 10) {
        case 1: return "st";
        case 2: return "nd";
        case 3: return "rd";
        default: return "th";
        }
    case 't': return fmt::format("{:02d}", d.daysInMonth());
    case 'T': return "UTC";
    case 'u': return fmt::format("{:06d}", d.microsecond);
    case 'U': return std::to_string(d.epochSeconds());
    case 'w': return std::to_string((d.weekday() + 1) % 7);
    case 'W': return std::to_string(isoCalendar(d).second);
    case 'y': return fmt::format("{:02d}", d.year % 100);
    case 'Y': return std::to_string(d.year);
    case 'z': return std::to_string(d.dayOfYear());
    case 'Z': return "0";
    default: return std::string(1, c);
    }
}

} // namespace

std::string DateFormat::format(const DateParts& value, std::string_view formatString)
{
    std::string out;
    for (std::size_t i = 0; i < formatString.size(); ++i) {
        const char c = formatString[i];
        if (c == '\\' && i + 1 < formatString.size()) {
            out += formatString[++i];
            continue;
        }
        if (kFormatChars.find(c) == std::string_view::npos) {
            out += c;
            continue;
        }
        if (!value.hasTime && kTimeChars.find(c) != std::string_view::npos)
            throw DateFormatTypeError(fmt::format(
                "The format for date objects may not contain time-related format specifiers (found '{}').", c));
        out += formatChar(value, c);
    }
    return out;
}

std::string_view DateFormat::namedFormat(std::string_view name)
{
    if (name == "DATE_FORMAT")
        return "N j, Y";
    if (name == "DATETIME_FORMAT")
        return "N j, Y, P";
    if (name == "TIME_FORMAT")
        return "P";
    if (name == "YEAR_MONTH_FORMAT")
        return "F Y";
    if (name == "MONTH_DAY_FORMAT")
        return "F j";
    if (name == "SHORT_DATE_FORMAT")
        return "m/d/Y";
    if (name == "SHORT_DATETIME_FORMAT")
        return "m/d/Y P";
    return name;
}

std::string DateFormat::dateFormat(const DateParts& value, std::string_view format)
{
    return DateFormat::format(value, namedFormat(format.empty() ? std::string_view("DATE_FORMAT") : format));
}

} // namespace pipelab::django::templates
