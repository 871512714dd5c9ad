// Context: django.template.Context — a stack of name → value scopes searched from the innermost
// outwards, with the builtins {True, False, None} at the bottom, the autoescape flag, and a
// pointer to the render context (per-render state the renderer keeps: cycle positions, block
// context for {% extends %}). Scopes are small flat vectors: lookups compare a handful of names.
#pragma once

#include "sim/python/value.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pipelab::django::templates {

class Context {
public:
    using Scope = std::vector<std::pair<std::string, py::Value>>;

    explicit Context(bool autoescape = true);

    // Context.new(values): same autoescape, fresh scopes (builtins + values).
    Context fresh(Scope values) const;

    void push(Scope values = {});
    void pop();
    // context[name] = value (innermost scope).
    void set(std::string_view name, py::Value value);
    // Context.set_upward(): the innermost scope holding name, else the innermost.
    void setUpward(std::string_view name, py::Value value);
    // context[name] searched innermost first; nullopt when absent.
    std::optional<py::Value> find(std::string_view name) const;
    bool contains(std::string_view name) const { return find(name).has_value(); }

    const std::vector<Scope>& dicts() const { return dicts_; }
    std::size_t depth() const { return dicts_.size(); }

    bool autoescape = true;

    // `with context.push(...)`: pops on scope exit, exceptions included.
    class Push {
    public:
        Push(Context& context, Scope values = {}) : context_(context) { context_.push(std::move(values)); }
        ~Push() { context_.pop(); }
        Push(const Push&) = delete;
        Push& operator=(const Push&) = delete;

    private:
        Context& context_;
    };

private:
    std::vector<Scope> dicts_;
};

} // namespace pipelab::django::templates
