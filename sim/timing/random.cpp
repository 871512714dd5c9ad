// Random: seeding. splitmix64 (Steele, Lea & Flood) expands the 64-bit seed into the 256-bit
// xoshiro state, as xoshiro's authors recommend; it never yields the all-zero state.
#include "sim/timing/random.h"

namespace pipelab::timing {

namespace {

std::uint64_t splitmix64(std::uint64_t& x)
{
    std::uint64_t z = (x += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

} // namespace

Random::Random(std::uint64_t seed, std::uint64_t stream)
{
    std::uint64_t x = seed ^ (stream * 0xd1b54a32d192ed03ull);
    for (std::uint64_t& word : state_)
        word = splitmix64(x);
}

} // namespace pipelab::timing
