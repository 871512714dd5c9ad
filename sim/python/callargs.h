// CallArgs: the arguments of one call (positional, keyword) as native code receives them, and
// Signature/BoundArgs, which check them against a parameter list with Python's TypeErrors
// ("get() got an unexpected keyword argument 'x'", "f() missing 1 required positional argument: 'a'").
#pragma once

#include "sim/python/value.h"

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pipelab::py {

class Interpreter;
class NativeFunction;

struct CallArgs {
    CallArgs() = default;
    CallArgs(std::vector<Value> positional, std::vector<std::pair<std::string, Value>> keywords = {})
        : args(std::move(positional)), kwargs(std::move(keywords))
    {
    }

    std::vector<Value> args;
    std::vector<std::pair<std::string, Value>> kwargs;
    // The native function being called (its captured values), set by the interpreter.
    NativeFunction* callee = nullptr;

    std::size_t size() const { return args.size(); }
    Value operator[](std::size_t i) const { return args[i]; }
    const Value* kwarg(std::string_view name) const
    {
        for (const auto& [k, v] : kwargs)
            if (k == name)
                return &v;
        return nullptr;
    }
    // callee->captured[i]
    Value captured(std::size_t i) const;
};

// A native function's parameter list. Spec strings: "x" (required), "x=" (optional), "*" (the
// following are keyword-only), "*args", "**kwargs".
class Signature {
public:
    struct Param {
        std::string name;
        bool required = true;
        bool keywordOnly = false;
    };

    Signature(std::string function, std::initializer_list<const char*> spec);

    const std::string& function() const { return function_; }
    const std::vector<Param>& params() const { return params_; }
    bool hasVarargs() const { return varargs_; }
    bool hasVarkw() const { return varkw_; }

private:
    std::string function_;
    std::vector<Param> params_;
    bool varargs_ = false;
    bool varkw_ = false;
};

struct BoundArgs {
    std::vector<std::optional<Value>> values; // one per Signature param, in order
    std::vector<Value> varargs;
    std::vector<std::pair<std::string, Value>> varkw;

    bool has(std::size_t i) const { return values[i].has_value(); }
    Value get(std::size_t i, Value fallback = Value()) const { return values[i] ? *values[i] : fallback; }
    Value operator[](std::size_t i) const { return get(i); }
};

// Raises TypeError (through interp) when args do not fit sig.
BoundArgs bind(Interpreter& interp, const CallArgs& args, const Signature& sig);

} // namespace pipelab::py
