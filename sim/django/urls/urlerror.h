// UrlError: an exception raised by URL configuration, resolving or reversing, carrying the name
// of the Python exception Django raises in the same situation (ImproperlyConfigured,
// NoReverseMatch, ValueError) so the interpreter can re-raise it as that type.
#pragma once

#include <stdexcept>
#include <string>

namespace pipelab::django::urls {

class UrlError : public std::runtime_error {
public:
    enum class Kind { ImproperlyConfigured, NoReverseMatch, ValueError, TypeError, IndexError, KeyError };

    UrlError(Kind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}

    Kind kind() const { return kind_; }

    // The Python exception's class name, e.g. "NoReverseMatch".
    const char* pythonType() const
    {
        switch (kind_) {
        case Kind::ImproperlyConfigured: return "ImproperlyConfigured";
        case Kind::NoReverseMatch: return "NoReverseMatch";
        case Kind::ValueError: return "ValueError";
        case Kind::TypeError: return "TypeError";
        case Kind::IndexError: return "IndexError";
        case Kind::KeyError: return "KeyError";
        }
        return "Exception";
    }

private:
    Kind kind_;
};

} // namespace pipelab::django::urls
