// UrlValue constructors: the repr of each kind is what CPython prints for it.
#include "sim/django/urls/urlvalue.h"

#include "sim/django/urls/pythonrepr.h"

namespace pipelab::django::urls {

UrlValue UrlValue::none()
{
    return UrlValue{Kind::None, "None", "None", 0};
}

UrlValue UrlValue::str(std::string_view s)
{
    return UrlValue{Kind::Str, std::string(s), pyRepr(s), 0};
}

UrlValue UrlValue::integer(std::int64_t v)
{
    const std::string digits = std::to_string(v);
    return UrlValue{Kind::Int, digits, digits, 0};
}

UrlValue UrlValue::integerDigits(std::string_view digits)
{
    std::size_t first = 0;
    while (first + 1 < digits.size() && digits[first] == '0')
        ++first;
    std::string text(digits.substr(first));
    if (text.empty())
        text = "0";
    return UrlValue{Kind::Int, text, text, 0};
}

UrlValue UrlValue::uuid(std::string_view canonical)
{
    return UrlValue{Kind::Uuid, std::string(canonical), "UUID('" + std::string(canonical) + "')", 0};
}

UrlValue UrlValue::pyObject(Handle handle, std::string str, std::string repr)
{
    return UrlValue{Kind::Object, std::move(str), std::move(repr), handle};
}

bool UrlValue::operator==(const UrlValue& other) const
{
    if (kind != other.kind)
        return false;
    if (kind == Kind::Object)
        return object == other.object;
    return text == other.text;
}

void kwargsSet(Kwargs& kwargs, const std::string& name, const UrlValue& value)
{
    for (auto& [key, existing] : kwargs) {
        if (key == name) {
            existing = value;
            return;
        }
    }
    kwargs.emplace_back(name, value);
}

const UrlValue* kwargsGet(const Kwargs& kwargs, std::string_view name)
{
    for (const auto& [key, value] : kwargs)
        if (key == name)
            return &value;
    return nullptr;
}

std::string kwargsRepr(const Kwargs& kwargs)
{
    std::string out = "{";
    bool first = true;
    for (const auto& [key, value] : kwargs) {
        if (!first)
            out += ", ";
        first = false;
        out += pyRepr(key);
        out += ": ";
        out += value.repr();
    }
    out += '}';
    return out;
}

} // namespace pipelab::django::urls
