// ModelMeta: field and relation look-ups by Django's names.
#include "sim/django/db/modelmeta.h"

namespace pipelab::django::db {

const Field* ModelMeta::field(std::string_view name) const
{
    for (const Field& f : fields)
        if (f.name == name)
            return &f;
    for (const Field& f : manyToMany)
        if (f.name == name)
            return &f;
    return nullptr;
}

const Field* ModelMeta::fieldByAttname(std::string_view attname) const
{
    for (const Field& f : fields)
        if (f.attname == attname)
            return &f;
    return nullptr;
}

std::size_t ModelMeta::fieldIndex(const Field& f) const
{
    // Hot (every attribute read and evaluator column): walk the deque by iterator, not operator[].
    std::size_t i = 0;
    for (const Field& candidate : fields) {
        if (&candidate == &f)
            return i;
        ++i;
    }
    return i;
}

const RelatedObject* ModelMeta::relatedByQueryName(std::string_view name) const
{
    for (const RelatedObject& r : relatedObjects)
        if (r.queryName == name)
            return &r;
    return nullptr;
}

const RelatedObject* ModelMeta::relatedByAccessor(std::string_view name) const
{
    for (const RelatedObject& r : relatedObjects)
        if (r.accessorName == name)
            return &r;
    return nullptr;
}

} // namespace pipelab::django::db
