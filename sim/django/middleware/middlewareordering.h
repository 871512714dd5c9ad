// MiddlewareOrdering: what each built-in middleware does and the ordering constraints Django
// documents for it (docs/ref/middleware.txt, "Middleware ordering", and the system checks
// admin.E408-E410), checked against a MIDDLEWARE list. A violation is a warning, never an
// error: the chain still runs in the given order, so the scenario shows the real consequence
// (AuthenticationMiddleware above SessionMiddleware fails every request with
// ImproperlyConfigured; FetchFromCacheMiddleware above SessionMiddleware serves one user's
// page to another).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace pipelab::django::middleware {

struct MiddlewareInfo {
    std::string_view path;        // django.middleware.security.SecurityMiddleware
    std::string_view explanation; // one paragraph: what it does to requests and responses
};

// The built-in middleware PipeLab simulates, in the order Django's documentation lists them.
const std::vector<MiddlewareInfo>& builtinMiddleware();
// The entry for `path`, or nullptr for a scenario's own middleware.
const MiddlewareInfo* findMiddleware(std::string_view path);

struct OrderingWarning {
    std::size_t index = 0; // the MIDDLEWARE entry the warning is about
    std::string message;
};

// Every documented constraint that `middleware` (the MIDDLEWARE setting, in order) breaks.
std::vector<OrderingWarning> checkOrdering(const std::vector<std::string>& middleware);

} // namespace pipelab::django::middleware
