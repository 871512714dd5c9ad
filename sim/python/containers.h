// The built-in container objects: list, tuple, dict, set, range and slice. Their Python behaviour
// (indexing, iteration, repr, methods) is implemented by the Interpreter and the builtin method
// tables; these classes only hold the data.
#pragma once

#include "sim/python/hashtable.h"
#include "sim/python/object.h"

#include <cstdint>
#include <vector>

namespace pipelab::py {

class ListObject final : public Object {
public:
    static constexpr ObjKind kKind = ObjKind::List;
    ListObject(ClassObject* cls, std::vector<Value> items = {}) : Object(cls, kKind), items(std::move(items)) {}
    std::vector<Value> items;
    void trace(Tracer& t) override
    {
        for (const Value& v : items)
            t.visit(v);
    }
};

class TupleObject final : public Object {
public:
    static constexpr ObjKind kKind = ObjKind::Tuple;
    TupleObject(ClassObject* cls, std::vector<Value> items = {}) : Object(cls, kKind), items(std::move(items)) {}
    std::vector<Value> items;
    void trace(Tracer& t) override
    {
        for (const Value& v : items)
            t.visit(v);
    }
};

class DictObject final : public Object {
public:
    static constexpr ObjKind kKind = ObjKind::Dict;
    explicit DictObject(ClassObject* cls) : Object(cls, kKind) {}
    HashTable table;
    void trace(Tracer& t) override { table.trace(t); }
};

class SetObject final : public Object {
public:
    static constexpr ObjKind kKind = ObjKind::Set;
    explicit SetObject(ClassObject* cls) : Object(cls, kKind) {}
    HashTable table; // values unused
    void trace(Tracer& t) override { table.trace(t); }
};

class RangeObject final : public Object {
public:
    static constexpr ObjKind kKind = ObjKind::Range;
    RangeObject(ClassObject* cls, std::int64_t start, std::int64_t stop, std::int64_t step)
        : Object(cls, kKind), start(start), stop(stop), step(step)
    {
    }
    std::int64_t length() const
    {
        if (step > 0 && start < stop)
            return (stop - start - 1) / step + 1;
        if (step < 0 && start > stop)
            return (start - stop - 1) / (-step) + 1;
        return 0;
    }
    std::int64_t start, stop, step;
};

class SliceObject final : public Object {
public:
    static constexpr ObjKind kKind = ObjKind::Slice;
    SliceObject(ClassObject* cls, Value lower, Value upper, Value step)
        : Object(cls, kKind), lower(lower), upper(upper), step(step)
    {
    }
    Value lower, upper, step;
    void trace(Tracer& t) override
    {
        t.visit(lower);
        t.visit(upper);
        t.visit(step);
    }
};

} // namespace pipelab::py
