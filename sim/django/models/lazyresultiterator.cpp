// LazyResultIterator: runs the query on the first next().
#include "sim/django/models/lazyresultiterator.h"

#include "sim/django/models/querysetobject.h"

namespace pipelab::django::models {

std::optional<py::Value> LazyResultIterator::next(py::Interpreter&)
{
    if (!started_) {
        started_ = true;
        items_ = qs_->run();
    }
    if (index_ >= items_.size())
        return std::nullopt;
    return items_[index_++];
}

void LazyResultIterator::trace(py::Tracer& t)
{
    t.visit(qs_);
    for (const py::Value& v : items_)
        t.visit(v);
}

} // namespace pipelab::django::models
