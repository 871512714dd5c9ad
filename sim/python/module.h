// ModuleObject: an importable module (a scenario code block, or a native module such as
// "django.db.models"); its attributes are its globals. ScopeObject: one function call's local
// variables, kept on the heap because closures created in the call refer to it.
#pragma once

#include "sim/python/attrmap.h"
#include "sim/python/object.h"

#include <string>

namespace pipelab::py {

class ModuleObject final : public Object {
public:
    static constexpr ObjKind kKind = ObjKind::Module;
    ModuleObject(ClassObject* cls, std::string name) : Object(cls, kKind), name(std::move(name)) {}

    std::string name;    // "shop.views", "django.db.models"
    std::string package; // for relative imports: "shop"
    std::string kind;    // label used in source locations: "views"
    AttrMap globals;

    void trace(Tracer& t) override
    {
        for (const auto& e : globals.entries())
            t.visit(e.second);
    }
};

class ScopeObject final : public Object {
public:
    static constexpr ObjKind kKind = ObjKind::Scope;
    ScopeObject(ClassObject* cls, ScopeObject* parent) : Object(cls, kKind), parent(parent) {}

    AttrMap vars;
    ScopeObject* parent; // the scope of the enclosing function (closures), or null

    void trace(Tracer& t) override
    {
        for (const auto& e : vars.entries())
            t.visit(e.second);
        if (parent)
            t.visit(parent);
    }
};

} // namespace pipelab::py
