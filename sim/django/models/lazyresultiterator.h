// LazyResultIterator: what QuerySet.iterator() returns — a generator that sends the query when
// it is first advanced and yields the results without filling the queryset's result cache.
#pragma once

#include "sim/python/iterators.h"

#include <vector>

namespace pipelab::django::models {

class QuerySetObject;

class LazyResultIterator final : public py::IteratorBase {
public:
    LazyResultIterator(py::ClassObject* cls, QuerySetObject* qs) : IteratorBase(cls), qs_(qs) {}
    std::optional<py::Value> next(py::Interpreter& interp) override;
    void trace(py::Tracer& t) override;

private:
    QuerySetObject* qs_;
    bool started_ = false;
    std::vector<py::Value> items_;
    std::size_t index_ = 0;
};

} // namespace pipelab::django::models
