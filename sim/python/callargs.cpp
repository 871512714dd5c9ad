// Argument checking for native functions, with CPython's TypeError wording.
#include "sim/python/callargs.h"

#include "sim/python/interpreter.h"

namespace pipelab::py {

Value CallArgs::captured(std::size_t i) const
{
    return callee && i < callee->captured.size() ? callee->captured[i] : Value();
}

Signature::Signature(std::string function, std::initializer_list<const char*> spec) : function_(std::move(function))
{
    bool keywordOnly = false;
    for (const char* s : spec) {
        std::string p(s);
        if (p == "*") {
            keywordOnly = true;
        } else if (p.rfind("**", 0) == 0) {
            varkw_ = true;
        } else if (p.rfind("*", 0) == 0) {
            varargs_ = true;
            keywordOnly = true;
        } else {
            Param param;
            param.required = p.back() != '=';
            param.name = param.required ? p : p.substr(0, p.size() - 1);
            param.keywordOnly = keywordOnly;
            params_.push_back(std::move(param));
        }
    }
}

BoundArgs bind(Interpreter& interp, const CallArgs& args, const Signature& sig)
{
    const auto& params = sig.params();
    const ClassObject* typeError = interp.types().TypeError;
    auto fail = [&](const std::string& message) { interp.raise(const_cast<ClassObject*>(typeError), sig.function() + "() " + message); };
    BoundArgs out;
    out.values.resize(params.size());
    std::size_t positionalCount = 0;
    std::size_t requiredPositional = 0;
    for (const auto& p : params) {
        if (!p.keywordOnly) {
            ++positionalCount;
            if (p.required)
                ++requiredPositional;
        }
    }
    for (std::size_t i = 0; i < args.args.size(); ++i) {
        if (i < positionalCount) {
            out.values[i] = args.args[i];
        } else if (sig.hasVarargs()) {
            out.varargs.push_back(args.args[i]);
        } else {
            const std::string takes = requiredPositional == positionalCount
                                          ? std::to_string(positionalCount)
                                          : "from " + std::to_string(requiredPositional) + " to " + std::to_string(positionalCount);
            fail("takes " + takes + " positional argument" + (positionalCount == 1 && requiredPositional == 1 ? "" : "s") +
                 " but " + std::to_string(args.args.size()) + (args.args.size() == 1 ? " was" : " were") + " given");
        }
    }
    for (const auto& [name, value] : args.kwargs) {
        bool matched = false;
        for (std::size_t i = 0; i < params.size(); ++i) {
            if (params[i].name == name) {
                if (out.values[i])
                    fail("got multiple values for argument '" + name + "'");
                out.values[i] = value;
                matched = true;
                break;
            }
        }
        if (matched)
            continue;
        if (!sig.hasVarkw())
            fail("got an unexpected keyword argument '" + name + "'");
        out.varkw.emplace_back(name, value);
    }
    std::vector<std::string> missing;
    for (std::size_t i = 0; i < params.size(); ++i)
        if (params[i].required && !out.values[i] && !params[i].keywordOnly)
            missing.push_back(params[i].name);
    auto quoted = [](const std::vector<std::string>& names) {
        std::string s;
        for (std::size_t i = 0; i < names.size(); ++i) {
            if (i > 0)
                s += names.size() == 2 ? " and " : (i + 1 == names.size() ? ", and " : ", ");
            s += "'" + names[i] + "'";
        }
        return s;
    };
    if (!missing.empty())
        fail("missing " + std::to_string(missing.size()) + " required positional argument" + (missing.size() == 1 ? "" : "s") +
             ": " + quoted(missing));
    for (std::size_t i = 0; i < params.size(); ++i)
        if (params[i].required && !out.values[i] && params[i].keywordOnly)
            missing.push_back(params[i].name);
    if (!missing.empty())
        fail("missing " + std::to_string(missing.size()) + " required keyword-only argument" +
             (missing.size() == 1 ? "" : "s") + ": " + quoted(missing));
    return out;
}

} // namespace pipelab::py
