// Random: the timing model's only source of randomness. A fixed, documented generator —
// xoshiro256** (Blackman & Vigna, 2018) seeded through splitmix64 — and exponential sampling by
// inversion with our own logarithm, because std:: distributions (and, in principle, libm's log)
// may differ between standard libraries: the same seed must give the same run bit for bit
// everywhere. Everything here is integer arithmetic or single IEEE-754 operations.
#pragma once

#include <array>
#include <bit>
#include <cstdint>

namespace pipelab::timing {

namespace detail {

// ln(x) for x in [0.5, 2] by the atanh series; used at compile time only to fill the table.
constexpr double seriesLog(double x)
{
    const double s = (x - 1) / (x + 1);
    const double s2 = s * s;
    double term = s;
    double sum = 0;
    for (int k = 1; k < 200; k += 2) {
        sum += term / k;
        term *= s2;
    }
    return 2 * sum;
}

// 128 intervals of [1, 2): the reciprocal of each interval's centre, and -ln of that reciprocal.
struct LogTable {
    std::array<double, 128> inverse{};
    std::array<double, 128> minusLogInverse{};
};

constexpr LogTable makeLogTable()
{
    LogTable table;
    for (int i = 0; i < 128; ++i) {
        const double centre = 1.0 + (i + 0.5) / 128.0;
        table.inverse[static_cast<std::size_t>(i)] = 1.0 / centre;
        table.minusLogInverse[static_cast<std::size_t>(i)] = -seriesLog(1.0 / centre);
    }
    return table;
}

inline constexpr LogTable kLogTable = makeLogTable();

} // namespace detail

// Natural logarithm of a positive normal double, to within a few units in the last place, with
// the same result on every IEEE-754 machine: x = 2^e * y, y in [1, 2); y = c * (1 + r) with c
// from a 128-entry table and |r| < 2^-8; ln(1 + r) by a degree-6 polynomial.
inline double deterministicLog(double x)
{
    constexpr double kLn2 = 0.69314718055994530942;
    const auto bits = std::bit_cast<std::uint64_t>(x);
    const auto exponent = static_cast<int>((bits >> 52) & 0x7ff) - 1023;
    const std::uint64_t mantissa = bits & ((std::uint64_t{1} << 52) - 1);
    const double y = std::bit_cast<double>(mantissa | (std::uint64_t{1023} << 52));
    const auto index = static_cast<std::size_t>(mantissa >> 45);
    const double r = y * detail::kLogTable.inverse[index] - 1.0;
    const double poly = r * (1.0 + r * (-1.0 / 2 + r * (1.0 / 3 + r * (-1.0 / 4 + r * (1.0 / 5 + r * (-1.0 / 6))))));
    return exponent * kLn2 + detail::kLogTable.minusLogInverse[index] + poly;
}

class Random {
public:
    // `stream` selects an independent sequence for the same seed (arrivals, service times ...), so
    // a change in how one is drawn does not shift the others.
    explicit Random(std::uint64_t seed, std::uint64_t stream = 0);

    // xoshiro256**: the next 64 random bits.
    std::uint64_t next()
    {
        const std::uint64_t result = std::rotl(state_[1] * 5, 7) * 9;
        const std::uint64_t t = state_[1] << 17;
        state_[2] ^= state_[0];
        state_[3] ^= state_[1];
        state_[1] ^= state_[2];
        state_[0] ^= state_[3];
        state_[2] ^= t;
        state_[3] = std::rotl(state_[3], 45);
        return result;
    }

    // Uniform on (0, 1], in steps of 2^-53.
    double uniform() { return static_cast<double>((next() >> 11) + 1) * 0x1.0p-53; }

    // Exponentially distributed with this mean (0 for a mean <= 0), by inversion: -mean * ln(U).
    double exponential(double mean) { return mean > 0 ? -mean * deterministicLog(uniform()) : 0.0; }

private:
    std::array<std::uint64_t, 4> state_{};
};

} // namespace pipelab::timing
