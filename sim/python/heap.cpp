// Mark-and-sweep with an explicit stack (deep object graphs must not recurse on the C++ stack).
#include "sim/python/heap.h"

#include "sim/python/classobject.h"

namespace pipelab::py {

namespace {

class MarkTracer final : public Tracer {
public:
    using Tracer::visit;
    void visit(Object* object) override
    {
        if (object && !object->marked) {
            object->marked = true;
            pending.push_back(object);
        }
    }
    std::vector<Object*> pending;
};

} // namespace

std::size_t Heap::collect(const std::function<void(Tracer&)>& markRoots)
{
    MarkTracer tracer;
    for (auto& o : objects_) {
        o->marked = false;
        if (o->pinned)
            tracer.visit(o.get());
    }
    markRoots(tracer);
    while (!tracer.pending.empty()) {
        Object* o = tracer.pending.back();
        tracer.pending.pop_back();
        if (o->cls())
            tracer.visit(static_cast<Object*>(o->cls()));
        o->trace(tracer);
    }
    std::size_t freed = 0;
    std::vector<std::unique_ptr<Object>> kept;
    kept.reserve(objects_.size());
    for (auto& o : objects_) {
        if (o->marked)
            kept.push_back(std::move(o));
        else
            ++freed;
    }
    objects_ = std::move(kept);
    return freed;
}

} // namespace pipelab::py
