// Heap: owns every Object an Interpreter creates. Values hold raw non-owning pointers, so
// reference cycles (functions ↔ module globals, parent ↔ children) cost nothing and leak nothing:
// the heap frees all objects when it is destroyed. collect() is an optional mark-and-sweep for
// long-lived interpreters, run only at points where no C++ code holds unrooted Values.
#pragma once

#include "sim/python/object.h"

#include <cstddef>
#include <functional>
#include <memory>
#include <utility>
#include <vector>

namespace pipelab::py {

class Heap {
public:
    template <class T, class... Args>
    T* make(Args&&... args)
    {
        auto owned = std::make_unique<T>(std::forward<Args>(args)...);
        T* raw = owned.get();
        objects_.push_back(std::move(owned));
        return raw;
    }

    std::size_t size() const { return objects_.size(); }

    // Frees every object not reachable from the roots markRoots reports (pinned objects are roots).
    // Returns the number of objects freed.
    std::size_t collect(const std::function<void(Tracer&)>& markRoots);

private:
    std::vector<std::unique_ptr<Object>> objects_;
};

} // namespace pipelab::py
