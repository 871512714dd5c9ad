// Django's django/db/models/constants.py: the "__" that separates the steps of a lookup path.
#pragma once

#include <string>
#include <vector>

namespace pipelab::django::db {

inline constexpr const char* kLookupSep = "__";

// "customer__name__icontains" → {"customer", "name", "icontains"}.
inline std::vector<std::string> splitLookup(const std::string& path)
{
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (true) {
        const auto pos = path.find(kLookupSep, start);
        if (pos == std::string::npos) {
            parts.push_back(path.substr(start));
            return parts;
        }
        parts.push_back(path.substr(start, pos - start));
        start = pos + 2;
    }
}

} // namespace pipelab::django::db
