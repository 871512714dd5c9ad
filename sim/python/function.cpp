// FunctionObject's reachability for the garbage collector (needs the complete module/class types).
#include "sim/python/function.h"

#include "sim/python/classobject.h"
#include "sim/python/module.h"

namespace pipelab::py {

void FunctionObject::trace(Tracer& t)
{
    for (const auto& d : defaults)
        if (d)
            t.visit(*d);
    for (const auto& d : kwDefaults)
        if (d)
            t.visit(*d);
    if (module)
        t.visit(static_cast<Object*>(module));
    if (closure)
        t.visit(static_cast<Object*>(closure));
    if (ownerClass)
        t.visit(static_cast<Object*>(ownerClass));
    for (const auto& e : attrs.entries())
        t.visit(e.second);
}

} // namespace pipelab::py
