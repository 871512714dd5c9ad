// Callables: FunctionObject (a `def` or `lambda` with its closure), NativeFunction (C++ code with
// the signature Value(Interpreter&, CallArgs&)) and BoundMethod (a callable with `self` bound).
#pragma once

#include "sim/python/attrmap.h"
#include "sim/python/callargs.h"
#include "sim/python/object.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace pipelab::py {

namespace ast {
struct FunctionSpec;
}
class ModuleObject;
class ScopeObject;

using NativeFn = std::function<Value(Interpreter&, CallArgs&)>;

class FunctionObject final : public Object {
public:
    static constexpr ObjKind kKind = ObjKind::Function;
    FunctionObject(ClassObject* cls, const ast::FunctionSpec* spec) : Object(cls, kKind), spec(spec) {}

    const ast::FunctionSpec* spec;
    std::string name;
    std::string qualname; // "Order.save", "dashboard"
    ModuleObject* module = nullptr;
    ScopeObject* closure = nullptr;
    std::vector<std::optional<Value>> defaults;   // parallel to spec->params.positional
    std::vector<std::optional<Value>> kwDefaults; // parallel to spec->params.keywordOnly
    ClassObject* ownerClass = nullptr;            // the class whose body defined it (for super())
    AttrMap attrs;                                // function attributes (decorators set them)

    AttrMap* instanceDict() override { return &attrs; }
    void trace(Tracer& t) override;
};

class NativeFunction final : public Object {
public:
    static constexpr ObjKind kKind = ObjKind::NativeFunction;
    NativeFunction(ClassObject* cls, std::string name, NativeFn fn, std::vector<Value> captured = {})
        : Object(cls, kKind), name(std::move(name)), fn(std::move(fn)), captured(std::move(captured))
    {
    }

    std::string name;
    NativeFn fn;
    std::vector<Value> captured; // values the C++ code closes over (traced for the GC)
    AttrMap attrs;

    AttrMap* instanceDict() override { return &attrs; }
    void trace(Tracer& t) override
    {
        for (const Value& v : captured)
            t.visit(v);
        for (const auto& e : attrs.entries())
            t.visit(e.second);
    }
};

class BoundMethod final : public Object {
public:
    static constexpr ObjKind kKind = ObjKind::BoundMethod;
    BoundMethod(ClassObject* cls, Value self, Value function) : Object(cls, kKind), self(self), function(function) {}
    Value self;
    Value function;
    void trace(Tracer& t) override
    {
        t.visit(self);
        t.visit(function);
    }
};

} // namespace pipelab::py
