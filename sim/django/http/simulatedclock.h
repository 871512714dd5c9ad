// SimulatedClock: the only clock the semantic runner has (architecture.md). It starts at the
// conformance oracle's frozen instant, 2024-01-01 00:00:00 UTC, and moves only when told to:
// scripted runs never move it (so their traces equal the oracle's), the load simulation sets it
// to its simulated time before each request. time.time(), timezone.now(), cache expiry, session
// expiry, signed timestamps and Expires headers all read it.
#pragma once

#include <cstdint>
#include <string>

namespace pipelab::django::http {

class SimulatedClock {
public:
    // 2024-01-01 00:00:00 UTC, a Monday.
    static constexpr std::int64_t kStartEpochSeconds = 1704067200;

    void setNanosecondsSinceStart(std::int64_t nanoseconds) { nanoseconds_ = nanoseconds; }
    std::int64_t nanosecondsSinceStart() const { return nanoseconds_; }

    // time.time()
    double epochSeconds() const;
    // int(time.time()), and the whole seconds datetime.replace(microsecond=0) keeps.
    std::int64_t wholeEpochSeconds() const;
    // The microseconds of now (0 ... 999999).
    int microsecond() const;

    // str(naive UTC datetime) as the SQLite backend adapts it: "2024-01-15 00:00:00" (with
    // ".ffffff" when microsecond is not 0).
    static std::string sqlDateTime(std::int64_t epochSeconds, int microsecond = 0);
    // django.utils.http.http_date(epochSeconds): "Mon, 01 Jan 2024 00:01:00 GMT".
    static std::string httpDate(std::int64_t epochSeconds);
    // base62 of a timestamp, as django.core.signing writes it ("1rK5iq" for the start).
    static std::string base62(std::int64_t value);

private:
    std::int64_t nanoseconds_ = 0;
};

} // namespace pipelab::django::http
