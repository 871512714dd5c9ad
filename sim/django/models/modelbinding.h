// ModelBinding: what the Python side knows about one model class — the class object, its
// ModelMeta, the per-model exception classes, the default manager, and the attribute table that
// model instances consult on every attribute read (Django puts DeferredAttribute and related
// descriptors on the class; a table lookup per access is the native equivalent).
#pragma once

#include "sim/django/db/modelmeta.h"
#include "sim/python/value.h"

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace pipelab::py {
class ClassObject;
}

namespace pipelab::django::models {

class OrmContext;

// One instance attribute backed by the model: a column (by name or attname, and "pk"), a
// forward ForeignKey/OneToOne, a reverse OneToOne, a reverse ForeignKey manager or a
// many-to-many manager (either side).
struct ModelAttribute {
    enum class Kind { Column, ForwardRelation, ReverseOneToOne, ReverseMany, ManyToMany };
    Kind kind = Kind::Column;
    std::size_t index = 0;                        // Column: position in ModelMeta::fields
    const db::Field* field = nullptr;             // Column, ForwardRelation, ManyToMany: the field
    const db::RelatedObject* related = nullptr;   // reverse kinds (ManyToMany: set when reverse)
    bool reverse = false;                         // ManyToMany seen from the target model
};

struct ModelBinding {
    OrmContext* ctx = nullptr;
    py::ClassObject* cls = nullptr;
    const db::ModelMeta* meta = nullptr;
    py::ClassObject* doesNotExist = nullptr;
    py::ClassObject* multipleObjectsReturned = nullptr;
    py::Value defaultManager; // Model._default_manager (the first manager declared, or objects)
    py::Value baseManager;    // Model._base_manager: a plain Manager
    // <Model>.<field>.RelatedObjectDoesNotExist classes, made on first use, by Field/RelatedObject.
    std::unordered_map<const void*, py::ClassObject*> relatedDoesNotExist;

    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
    };
    std::unordered_map<std::string, ModelAttribute, Hash, std::equal_to<>> attributes;

    const ModelAttribute* attribute(std::string_view name) const
    {
        auto it = attributes.find(name);
        return it == attributes.end() ? nullptr : &it->second;
    }
};

} // namespace pipelab::django::models
