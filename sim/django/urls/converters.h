// Converter: the path converters of django/urls/converters.py (str int slug uuid path): the regex
// a `<type:name>` part becomes and to_python(). Every built-in to_url() is str(value), which is
// why reverse() needs no converter to build a URL.
#pragma once

#include "sim/django/urls/urlvalue.h"

#include <optional>
#include <string>
#include <string_view>

namespace pipelab::django::urls {

class Converter {
public:
    enum class Type { Str, Int, Slug, Uuid, Path };

    // The converter registered under `name` (get_converter), or nullopt.
    static std::optional<Converter> byName(std::string_view name);

    Type type() const { return type_; }
    std::string_view name() const;
    std::string_view regex() const;

    // to_python(): int → the integer, uuid → a UUID, the others → the text itself.
    UrlValue toPython(std::string_view text) const;

private:
    explicit Converter(Type type) : type_(type) {}
    Type type_;
};

} // namespace pipelab::django::urls
