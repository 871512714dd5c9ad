// ModelMeta: Django's Options (Model._meta) for one model: table, fields in definition order
// (implicit "id" AutoField first), many-to-many fields, default ordering and reverse relations.
#pragma once

#include "sim/django/db/field.h"

#include <deque>
#include <string>
#include <vector>

namespace pipelab::django::db {

// A reverse relation (Django's ForeignObjectRel seen from the target model): Customer's "orders".
struct RelatedObject {
    const ModelMeta* relatedModel = nullptr; // the model declaring the field (Order)
    const Field* field = nullptr;            // the declaring field (Order.customer)
    std::string accessorName;                // "orders" / "order_set" / OneToOne: "order"
    std::string queryName;                   // related_query_name: related_name or model_name
    bool multiple = true;                    // false for OneToOneField
};

// One step of a relation path (Django's PathInfo): ON from.fromColumn = to.toColumn.
struct PathInfo {
    const ModelMeta* from = nullptr;
    const ModelMeta* to = nullptr;
    const Field* joinField = nullptr; // the ForeignKey that makes the join (on either side)
    std::string fromColumn;
    std::string toColumn;
    bool direct = true; // forward along joinField
    bool m2m = false;   // multi-valued (reverse FK, many-to-many)
};

class ModelMeta {
public:
    std::string appLabel;   // "shop"
    std::string objectName; // "Order"
    std::string modelName;  // "order"
    std::string dbTable;    // "shop_order"
    std::deque<Field> fields;     // concrete fields, id first (deque: stable addresses)
    std::deque<Field> manyToMany; // ManyToManyFields, in definition order
    std::vector<std::string> ordering;
    std::deque<RelatedObject> relatedObjects;
    bool autoCreated = false; // an auto-created M2M through model

    std::string label() const { return appLabel + "." + objectName; }
    const Field& pk() const { return fields.front(); }
    // get_field(): a concrete or many-to-many field by name (not attname); null if none.
    const Field* field(std::string_view name) const;
    // A concrete field by attname ("customer_id"); null if none.
    const Field* fieldByAttname(std::string_view attname) const;
    // Index of a concrete field in `fields` (its column position in stored rows).
    std::size_t fieldIndex(const Field& f) const;
    // A reverse relation by query name ("orders", "order", "product").
    const RelatedObject* relatedByQueryName(std::string_view name) const;
    // A reverse relation by accessor name ("orders", "order_set").
    const RelatedObject* relatedByAccessor(std::string_view name) const;
};

} // namespace pipelab::django::db
