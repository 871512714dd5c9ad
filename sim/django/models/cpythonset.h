// CPython's set iteration order for ints. Django builds some IN lists from a Python set
// (a ForeignKey prefetch: {instance.product_id for instance in instances}, a filter(id__in={...})),
// so the order of the values in the SQL is the order CPython's set table holds them in. This
// replays CPython 3's setobject.c exactly: hash(i) = i (-1 → -2), linear probing of 9 slots then
// perturbation, table growth to 4 × used when fill × 5 ≥ mask × 3.
#pragma once

#include <cstdint>
#include <vector>

namespace pipelab::django::models {

// The distinct values in the order `for v in set(values)` yields them after adding them in order.
std::vector<std::int64_t> cpythonSetOrder(const std::vector<std::int64_t>& values);

} // namespace pipelab::django::models
