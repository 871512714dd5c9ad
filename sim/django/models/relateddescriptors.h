// RelatedDescriptors: django/db/models/fields/related_descriptors.py for model instances —
// ForwardManyToOneDescriptor (order.product: the cached object, or one query exactly like
// Django's `qs.get(id=...)`), ReverseOneToOneDescriptor, the related managers of
// ReverseManyToOneDescriptor and ManyToManyDescriptor, and DeferredAttribute's
// refresh_from_db(fields=[...]).
#pragma once

#include "sim/django/models/modelbinding.h"
#include "sim/python/value.h"

#include <optional>
#include <string>
#include <vector>

namespace pipelab::django::models {

class ModelInstance;

class RelatedDescriptors {
public:
    static py::Value forwardGet(ModelInstance& instance, const db::Field& field);
    static void forwardSet(ModelInstance& instance, const db::Field& field, py::Value value);
    static py::Value reverseOneToOneGet(ModelInstance& instance, const db::RelatedObject& related);
    static void reverseOneToOneSet(ModelInstance& instance, const db::RelatedObject& related, py::Value value);
    // customer.orders / product.tags / tag.products: a new related manager.
    static py::Value relatedManager(ModelInstance& instance, const ModelAttribute& attribute);
    // Model.refresh_from_db(fields=None).
    static void refreshFromDb(ModelInstance& instance, std::optional<std::vector<std::string>> fields);
    // Field.get_cache_name() of a reverse relation as the prefetch cache knows it.
    static std::string cacheName(const ModelAttribute& attribute);
};

} // namespace pipelab::django::models
