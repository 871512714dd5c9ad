// UrlValue: a Python value as the URL layer sees it. The layer never touches Python objects; it
// needs only str(value) (URL text), repr(value) (error messages) and, for values it hands back
// (captured arguments, default kwargs), what kind of Python object to build.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pipelab::django::urls {

// The caller's opaque handle for a Python object (a view callable, a default kwarg value).
using Handle = std::uint64_t;

struct UrlValue {
    enum class Kind {
        None,   // Python None: an optional group that did not participate
        Str,    // str
        Int,    // int; `text` holds its decimal digits (arbitrary size, as Python's int)
        Uuid,   // uuid.UUID; `text` holds the canonical hyphenated form
        Object, // anything else, identified by `object`; `text` and `repr` supplied by the caller
    };
    Kind kind = Kind::None;
    std::string text; // str(value)
    std::string reprText; // repr(value); computed for None/Str/Int/Uuid
    Handle object = 0;

    static UrlValue none();
    static UrlValue str(std::string_view s);
    static UrlValue integer(std::int64_t v);
    static UrlValue integerDigits(std::string_view digits); // int("007") → 7
    static UrlValue uuid(std::string_view canonical);
    static UrlValue pyObject(Handle handle, std::string str, std::string repr);

    const std::string& repr() const { return reprText; }

    // Python ==, as far as this layer can tell: same kind and same text (same handle for objects).
    bool operator==(const UrlValue& other) const;
};

// A Python dict of keyword arguments: insertion-ordered, assignment replaces in place.
using Kwargs = std::vector<std::pair<std::string, UrlValue>>;

void kwargsSet(Kwargs& kwargs, const std::string& name, const UrlValue& value);
const UrlValue* kwargsGet(const Kwargs& kwargs, std::string_view name);
// repr(dict): "{'pk': 1, 'slug': 'a'}".
std::string kwargsRepr(const Kwargs& kwargs);

} // namespace pipelab::django::urls
