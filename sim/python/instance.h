// InstanceObject: an instance with a __dict__ — of a user class, or the base for native objects
// that user classes may subclass (a model instance, a view): derive from it and keep the dict.
#pragma once

#include "sim/python/attrmap.h"
#include "sim/python/object.h"

namespace pipelab::py {

class InstanceObject : public Object {
public:
    explicit InstanceObject(ClassObject* cls) : Object(cls) {}
    AttrMap dict;
    AttrMap* instanceDict() override { return &dict; }
    void trace(Tracer& t) override
    {
        for (const auto& e : dict.entries())
            t.visit(e.second);
    }
};

} // namespace pipelab::py
