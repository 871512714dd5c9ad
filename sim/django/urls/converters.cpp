// The built-in path converters, with Django 3.2's regexes.
#include "sim/django/urls/converters.h"

namespace pipelab::django::urls {

std::optional<Converter> Converter::byName(std::string_view name)
{
    if (name == "str")
        return Converter(Type::Str);
    if (name == "int")
        return Converter(Type::Int);
    if (name == "slug")
        return Converter(Type::Slug);
    if (name == "uuid")
        return Converter(Type::Uuid);
    if (name == "path")
        return Converter(Type::Path);
    return std::nullopt;
}

std::string_view Converter::name() const
{
    switch (type_) {
    case Type::Str: return "str";
    case Type::Int: return "int";
    case Type::Slug: return "slug";
    case Type::Uuid: return "uuid";
    case Type::Path: return "path";
    }
    return "str";
}

std::string_view Converter::regex() const
{
    switch (type_) {
    case Type::Str: return "[^/]+";
    case Type::Int: return "[0-9]+";
    case Type::Slug: return "[-a-zA-Z0-9_]+";
    case Type::Uuid: return "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    case Type::Path: return ".+";
    }
    return "[^/]+";
}

UrlValue Converter::toPython(std::string_view text) const
{
    switch (type_) {
    case Type::Int: return UrlValue::integerDigits(text);
    case Type::Uuid: return UrlValue::uuid(text);
    default: return UrlValue::str(text);
    }
}

} // namespace pipelab::django::urls
