// SimulatedClock (see simulatedclock.h).
#include "sim/django/http/simulatedclock.h"

#include <cstdio>

namespace pipelab::django::http {

namespace {

constexpr std::int64_t kNanosecondsPerSecond = 1'000'000'000;

struct Civil {
    std::int64_t year;
    int month;
    int day;
};

// Howard Hinnant's civil_from_days: days since 1970-01-01 → proleptic Gregorian date.
Civil civilFromDays(std::int64_t z)
{
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const std::int64_t doe = z - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    return {yoe + era * 400 + (month <= 2 ? 1 : 0), month, day};
}

std::int64_t floorDiv(std::int64_t a, std::int64_t b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

} // namespace

double SimulatedClock::epochSeconds() const
{
    return static_cast<double>(kStartEpochSeconds) + static_cast<double>(nanoseconds_) / kNanosecondsPerSecond;
}

std::int64_t SimulatedClock::wholeEpochSeconds() const
{
    return kStartEpochSeconds + floorDiv(nanoseconds_, kNanosecondsPerSecond);
}

int SimulatedClock::microsecond() const
{
    const std::int64_t rest = nanoseconds_ - floorDiv(nanoseconds_, kNanosecondsPerSecond) * kNanosecondsPerSecond;
    return static_cast<int>(rest / 1000);
}

std::string SimulatedClock::sqlDateTime(std::int64_t epochSeconds, int microsecond)
{
    const std::int64_t days = floorDiv(epochSeconds, 86400);
    const std::int64_t rest = epochSeconds - days * 86400;
    const Civil c = civilFromDays(days);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04lld-%02d-%02d %02lld:%02lld:%02lld", static_cast<long long>(c.year), c.month, c.day,
                  static_cast<long long>(rest / 3600), static_cast<long long>(rest % 3600 / 60),
                  static_cast<long long>(rest % 60));
    std::string out = buf;
    if (microsecond != 0) {
        std::snprintf(buf, sizeof buf, ".%06d", microsecond);
        out += buf;
    }
    return out;
}

std::string SimulatedClock::httpDate(std::int64_t epochSeconds)
{
    static const char* days[] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"}; // 1970-01-01 was a Thursday
    static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const std::int64_t day = floorDiv(epochSeconds, 86400);
    const std::int64_t rest = epochSeconds - day * 86400;
    const Civil c = civilFromDays(day);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s, %02d %s %04lld %02lld:%02lld:%02lld GMT", days[((day % 7) + 7) % 7], c.day,
                  months[c.month - 1], static_cast<long long>(c.year), static_cast<long long>(rest / 3600),
                  static_cast<long long>(rest % 3600 / 60), static_cast<long long>(rest % 60));
    return buf;
}

std::string SimulatedClock::base62(std::int64_t value)
{
    static const char* digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    if (value == 0)
        return "0";
    const bool negative = value < 0;
    std::uint64_t rest = negative ? static_cast<std::uint64_t>(-(value + 1)) + 1 : static_cast<std::uint64_t>(value);
    std::string out;
    while (rest > 0) {
        out.insert(out.begin(), digits[rest % 62]);
        rest /= 62;
    }
    return negative ? "-" + out : out;
}

} // namespace pipelab::django::http
