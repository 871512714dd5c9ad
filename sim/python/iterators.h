// Iterator objects for the built-in iterables, the dict views, and UserIterator, which adapts a
// user class's __next__ to the native protocol.
#pragma once

#include "sim/python/containers.h"
#include "sim/python/object.h"
#include "sim/python/strobject.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace pipelab::py {

class IteratorBase : public Object {
public:
    using Object::Object;
    bool isIterator() const override { return true; }
    Object* iter(Interpreter&) override { return this; }
};

// list and tuple: sees items appended during iteration, like Python's list iterator.
class SequenceIterator final : public IteratorBase {
public:
    SequenceIterator(ClassObject* cls, Object* sequence) : IteratorBase(cls), sequence_(sequence) {}
    std::optional<Value> next(Interpreter&) override;
    void trace(Tracer& t) override { t.visit(sequence_); }

private:
    Object* sequence_;
    std::size_t index_ = 0;
};

// Iterates over values held by the iterator itself (eager results: map, filter, zip, generators).
class ValuesIterator final : public IteratorBase {
public:
    ValuesIterator(ClassObject* cls, std::vector<Value> values) : IteratorBase(cls), values_(std::move(values)) {}
    std::optional<Value> next(Interpreter&) override
    {
        if (index_ >= values_.size())
            return std::nullopt;
        return values_[index_++];
    }
    void trace(Tracer& t) override
    {
        for (const Value& v : values_)
            t.visit(v);
    }

private:
    std::vector<Value> values_;
    std::size_t index_ = 0;
};

class StrIterator final : public IteratorBase {
public:
    StrIterator(ClassObject* cls, StrObject* str) : IteratorBase(cls), str_(str) {}
    std::optional<Value> next(Interpreter& interp) override;
    void trace(Tracer& t) override { t.visit(str_); }

private:
    StrObject* str_;
    std::size_t offset_ = 0;
};

class RangeIterator final : public IteratorBase {
public:
    RangeIterator(ClassObject* cls, std::int64_t start, std::int64_t step, std::int64_t count)
        : IteratorBase(cls), next_(start), step_(step), remaining_(count)
    {
    }
    std::optional<Value> next(Interpreter&) override
    {
        if (remaining_ <= 0)
            return std::nullopt;
        --remaining_;
        const std::int64_t v = next_;
        next_ += step_;
        return Value::integer(v);
    }

private:
    std::int64_t next_, step_, remaining_;
};

// dict keys / values / items and set members; raises RuntimeError when the table changes size.
class HashIterator final : public IteratorBase {
public:
    enum class Mode { Keys, Values, Items };
    HashIterator(ClassObject* cls, Object* owner, HashTable* table, Mode mode, bool isSet)
        : IteratorBase(cls), owner_(owner), table_(table), mode_(mode), isSet_(isSet), size_(table->size())
    {
    }
    std::optional<Value> next(Interpreter& interp) override;
    void trace(Tracer& t) override { t.visit(owner_); }

private:
    Object* owner_;
    HashTable* table_;
    Mode mode_;
    bool isSet_;
    std::size_t size_;
    std::size_t index_ = 0;
};

// dict.keys(), dict.values(), dict.items(): live views.
class DictView final : public Object {
public:
    DictView(ClassObject* cls, DictObject* dict, HashIterator::Mode mode) : Object(cls), dict(dict), mode(mode) {}
    DictObject* dict;
    HashIterator::Mode mode;
    Object* iter(Interpreter& interp) override;
    std::optional<std::int64_t> len(Interpreter&) override { return static_cast<std::int64_t>(dict->table.size()); }
    std::optional<bool> contains(Interpreter& interp, Value item) override;
    std::optional<std::string> repr(Interpreter& interp) override;
    void trace(Tracer& t) override { t.visit(dict); }
};

// Adapts an object whose class defines __next__.
class UserIterator final : public IteratorBase {
public:
    UserIterator(ClassObject* cls, Value target) : IteratorBase(cls), target_(target) {}
    std::optional<Value> next(Interpreter& interp) override;
    void trace(Tracer& t) override { t.visit(target_); }

private:
    Value target_;
};

} // namespace pipelab::py
