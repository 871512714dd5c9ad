// ReverseDict: what URLResolver._populate() computes: for every view name and view callable the
// candidate patterns (newest-defined first, as Django's reversed() walk appends them), plus the
// namespace and app-name tables that reverse("ns:name") walks.
#pragma once

#include "sim/django/urls/regexhelper.h"
#include "sim/django/urls/urlerror.h"
#include "sim/django/urls/urlvalue.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace pipelab::django::urls {

class URLResolver;
class PythonRegex;

struct ReverseEntry {
    std::vector<NormalizedForm> bits; // normalize(pattern)
    std::string pattern;              // p_pattern: the regex, leading '^' removed
    Kwargs defaults;
    // '^/' + pattern compiled for the final re.search() check; set only in a finalized dict.
    std::shared_ptr<const PythonRegex> check;
    std::optional<UrlError> checkError;
};

struct ReverseDict {
    std::map<std::string, std::vector<ReverseEntry>> byName;
    std::map<Handle, std::vector<ReverseEntry>> byCallback;
    // namespace → (prefix pattern, the included resolver)
    std::map<std::string, std::pair<std::string, std::shared_ptr<const URLResolver>>> namespaces;
    // app_name → namespaces of its instances
    std::map<std::string, std::vector<std::string>> apps;
    // Django raises from _populate() (normalize's ValueError, ...) at the first reverse().
    std::optional<UrlError> error;
};

} // namespace pipelab::django::urls
