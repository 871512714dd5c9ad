// PrefetchObject: django.db.models.Prefetch(lookup, queryset=None, to_attr=None) and the
// lookup arithmetic prefetch_related_objects() does with it (prefetch_through, prefetch_to,
// the current level's queryset and to_attr).
#pragma once

#include "sim/python/object.h"

#include <string>
#include <utility>

namespace pipelab::django::models {

class OrmContext;

struct PrefetchLookup {
    std::string prefetchThrough; // "orders__product"
    std::string prefetchTo;      // prefetchThrough with the last part replaced by to_attr
    std::string toAttr;          // "" when not given
    py::Value queryset;          // None when not given

    static PrefetchLookup fromString(const std::string& lookup);
    void addPrefix(const std::string& prefix);
    std::string currentPrefetchTo(std::size_t level) const;
    // (to_attr for this level, whether it is stored as a plain attribute)
    std::pair<std::string, bool> currentToAttr(std::size_t level) const;
    // The queryset to use at this level (only the last level has one).
    py::Value currentQueryset(std::size_t level) const;
};

class PrefetchObject final : public py::Object {
public:
    PrefetchObject(py::ClassObject* cls, PrefetchLookup lookup) : Object(cls), lookup(std::move(lookup)) {}
    PrefetchLookup lookup;

    std::optional<py::Value> getAttr(py::Interpreter& interp, std::string_view name) override;
    std::optional<bool> equals(py::Interpreter& interp, py::Value other) override;
    void trace(py::Tracer& t) override { t.visit(lookup.queryset); }

    static py::ClassObject* createClass(OrmContext& ctx);
};

} // namespace pipelab::django::models
