// Argument-count checks for the built-in functions and methods, worded as CPython words them.
#pragma once

#include "sim/python/callargs.h"
#include "sim/python/interpreter.h"

#include <string>

namespace pipelab::py {

// first: index of the first real argument (1 for methods: args[0] is self).
inline void checkArgs(Interpreter& ip, const CallArgs& a, const char* name, std::size_t min, std::size_t max,
                      std::size_t first = 0, bool keywords = false)
{
    if (!keywords && !a.kwargs.empty())
        ip.raise(ip.types().TypeError, std::string(name) + "() takes no keyword arguments");
    const std::size_t n = a.args.size() - first;
    if (n >= min && n <= max)
        return;
    if (min == max) {
        if (min == 0)
            ip.raise(ip.types().TypeError, std::string(name) + "() takes no arguments (" + std::to_string(n) + " given)");
        if (min == 1)
            ip.raise(ip.types().TypeError, std::string(name) + "() takes exactly one argument (" + std::to_string(n) + " given)");
        ip.raise(ip.types().TypeError, std::string(name) + " expected " + std::to_string(min) + " arguments, got " + std::to_string(n));
    }
    if (n < min)
        ip.raise(ip.types().TypeError, std::string(name) + " expected at least " + std::to_string(min) + " argument" +
                                           (min == 1 ? "" : "s") + ", got " + std::to_string(n));
    ip.raise(ip.types().TypeError, std::string(name) + " expected at most " + std::to_string(max) + " argument" +
                                       (max == 1 ? "" : "s") + ", got " + std::to_string(n));
}

inline const Value* keyword(const CallArgs& a, std::string_view name)
{
    return a.kwarg(name);
}

// Rejects keywords other than the allowed ones.
inline void allowKeywords(Interpreter& ip, const CallArgs& a, const char* name, std::initializer_list<const char*> allowed)
{
    for (const auto& [k, v] : a.kwargs) {
        bool ok = false;
        for (const char* al : allowed)
            if (k == al)
                ok = true;
        if (!ok)
            ip.raise(ip.types().TypeError, std::string(name) + "() got an unexpected keyword argument '" + k + "'");
    }
}

} // namespace pipelab::py
