// CPython set table replay (Objects/setobject.c: set_add_entry, set_table_resize,
// set_insert_clean).
#include "sim/django/models/cpythonset.h"

#include <cstddef>
#include <optional>

namespace pipelab::django::models {

namespace {

constexpr std::size_t kLinearProbes = 9;
constexpr std::size_t kPerturbShift = 5;
constexpr std::size_t kMinSize = 8;

struct Slot {
    std::optional<std::int64_t> key;
    std::size_t hash = 0;
};

std::size_t pyHash(std::int64_t v)
{
    // CPython: hash of an int is the value reduced modulo 2**61 - 1, and -1 is reserved.
    constexpr std::int64_t modulus = (std::int64_t{1} << 61) - 1;
    std::int64_t h = v % modulus;
    if (h == -1)
        h = -2;
    return static_cast<std::size_t>(h);
}

void insertClean(std::vector<Slot>& table, std::int64_t key, std::size_t hash)
{
    const std::size_t mask = table.size() - 1;
    std::size_t perturb = hash;
    std::size_t i = hash & mask;
    while (true) {
        if (!table[i].key) {
            table[i] = {key, hash};
            return;
        }
        if (i + kLinearProbes <= mask) {
            for (std::size_t j = 1; j <= kLinearProbes; ++j) {
                if (!table[i + j].key) {
                    table[i + j] = {key, hash};
                    return;
                }
            }
        }
        perturb >>= kPerturbShift;
        i = (i * 5 + 1 + perturb) & mask;
    }
}

void resize(std::vector<Slot>& table, std::size_t minUsed)
{
    std::size_t newSize = kMinSize;
    while (newSize <= minUsed)
        newSize <<= 1;
    std::vector<Slot> old = std::move(table);
    table.assign(newSize, Slot{});
    for (const Slot& s : old)
        if (s.key)
            insertClean(table, *s.key, s.hash);
}

} // namespace

std::vector<std::int64_t> cpythonSetOrder(const std::vector<std::int64_t>& values)
{
    std::vector<Slot> table(kMinSize);
    std::size_t used = 0; // no deletions: fill == used
    for (std::int64_t v : values) {
        const std::size_t hash = pyHash(v);
        const std::size_t mask = table.size() - 1;
        std::size_t perturb = hash;
        std::size_t i = hash & mask;
        bool present = false;
        std::optional<std::size_t> slot;
        while (!slot && !present) {
            const std::size_t probes = i + kLinearProbes <= mask ? kLinearProbes : 0;
            for (std::size_t j = 0; j <= probes; ++j) {
                const Slot& s = table[i + j];
                if (!s.key) {
                    slot = i + j;
                    break;
                }
                if (s.hash == hash && *s.key == v) {
                    present = true;
                    break;
                }
            }
            perturb >>= kPerturbShift;
            i = (i * 5 + 1 + perturb) & mask;
        }
        if (present)
            continue;
        table[*slot] = {v, hash};
        ++used;
        if (used * 5 >= mask * 3)
            resize(table, used > 50000 ? used * 2 : used * 4);
    }
    std::vector<std::int64_t> out;
    out.reserve(used);
    for (const Slot& s : table)
        if (s.key)
            out.push_back(*s.key);
    return out;
}

} // namespace pipelab::django::models
