// Prefetcher: prefetch_related_objects() of django/db/models/query.py — walks each lookup level
// by level, asks the relation for its prefetch queryset (get_prefetch_queryset of the forward
// and reverse descriptors and related managers), runs it once per level and distributes the
// results into the related-object cache, the prefetch cache or a to_attr list.
#pragma once

#include "sim/django/models/modelbinding.h"
#include "sim/django/models/prefetchobject.h"
#include "sim/python/value.h"

#include <string>
#include <vector>

namespace pipelab::django::models {

class ModelInstance;
class OrmContext;

class Prefetcher {
public:
    explicit Prefetcher(OrmContext& ctx) : ctx_(ctx) {}

    // `lookups` are strings or Prefetch objects, as given to prefetch_related().
    void prefetchRelatedObjects(const std::vector<py::Value>& instances, const std::vector<py::Value>& lookups);

private:
    struct LevelResult {
        std::vector<py::Value> objects;
        std::vector<py::Value> additionalLookups;
    };
    LevelResult prefetchOneLevel(const std::vector<ModelInstance*>& instances, const ModelAttribute& attribute,
                                 const PrefetchLookup& lookup, std::size_t level);

    OrmContext& ctx_;
};

} // namespace pipelab::django::models
