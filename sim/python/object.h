// Object: the base of every heap value, and the extension point for native (C++) objects.
// The Interpreter's generic operations (attribute access, calls, iteration, operators, repr ...)
// first look for a user-defined dunder method when the object is a user-class instance, then ask
// these virtual hooks. A hook returns std::nullopt / nullptr / false for "not supported here",
// and the interpreter then falls back to the generic behaviour or raises Python's TypeError.
// Native objects that hold Values must report them in trace() so collectGarbage() keeps them.
#pragma once

#include "sim/python/operators.h"
#include "sim/python/value.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pipelab::py {

class Interpreter;
class ClassObject;
class AttrMap;
struct CallArgs;

// Collects the objects reachable from an object during garbage collection.
class Tracer {
public:
    virtual ~Tracer() = default;
    virtual void visit(Object* object) = 0;
    void visit(const Value& value)
    {
        if (Object* o = value.asObject())
            visit(o);
    }
};

class Object {
public:
    Object(ClassObject* cls, ObjKind kind = ObjKind::Other) : cls_(cls), objKind_(kind) {}
    virtual ~Object() = default;
    Object(const Object&) = delete;
    Object& operator=(const Object&) = delete;

    // The Python class (type(x)). Instances of user classes have their user class here.
    ClassObject* cls() const { return cls_; }
    void setClass(ClassObject* cls) { cls_ = cls; }
    ObjKind objKind() const { return objKind_; }

    // --- hooks -------------------------------------------------------------------------------
    // Attribute read tried before the generic lookup (instance dict, class MRO).
    virtual std::optional<Value> getAttr(Interpreter&, std::string_view /*name*/) { return std::nullopt; }
    // Attribute write; false = not handled (generic: instance dict, or AttributeError).
    virtual bool setAttr(Interpreter&, std::string_view /*name*/, Value /*value*/) { return false; }
    virtual bool delAttr(Interpreter&, std::string_view /*name*/) { return false; }
    // Call; nullopt = "object is not callable".
    virtual std::optional<Value> call(Interpreter&, CallArgs&) { return std::nullopt; }
    // iter(x): an iterator object (whose next() yields values), or nullptr = not iterable.
    virtual Object* iter(Interpreter&) { return nullptr; }
    // Iterator protocol: the next value, or nullopt when exhausted.
    virtual std::optional<Value> next(Interpreter&) { return std::nullopt; }
    virtual bool isIterator() const { return false; }
    virtual std::optional<std::int64_t> len(Interpreter&) { return std::nullopt; }
    virtual std::optional<Value> getItem(Interpreter&, Value /*key*/) { return std::nullopt; }
    virtual bool setItem(Interpreter&, Value /*key*/, Value /*value*/) { return false; }
    virtual bool delItem(Interpreter&, Value /*key*/) { return false; }
    virtual std::optional<bool> contains(Interpreter&, Value /*item*/) { return std::nullopt; }
    virtual std::optional<bool> truthy(Interpreter&) { return std::nullopt; }
    virtual std::optional<std::string> repr(Interpreter&) { return std::nullopt; }
    // str(x); nullopt = use repr.
    virtual std::optional<std::string> str(Interpreter&) { return std::nullopt; }
    // ==; nullopt = identity.
    virtual std::optional<bool> equals(Interpreter&, Value /*other*/) { return std::nullopt; }
    // <, <=, >, >= (and == / != when an object wants full control); nullopt = not supported.
    virtual std::optional<Value> compare(Interpreter&, CompareOp, Value /*other*/) { return std::nullopt; }
    // hash(x); nullopt = identity hash.
    virtual std::optional<std::size_t> hash(Interpreter&) { return std::nullopt; }
    // self OP other (reflected: other OP self); nullopt = not supported for these operands.
    virtual std::optional<Value> binaryOp(Interpreter&, BinaryOp, Value /*other*/, bool /*reflected*/) { return std::nullopt; }
    virtual std::optional<Value> unaryOp(Interpreter&, UnaryOp) { return std::nullopt; }
    // Descriptor protocol, used when this object is found as a class attribute. instance is None
    // for access through the class. nullopt = not a descriptor (the object itself is the value).
    virtual std::optional<Value> descrGet(Interpreter&, Value /*instance*/, ClassObject* /*owner*/) { return std::nullopt; }
    // Data descriptors win over the instance dict and receive assignments.
    virtual bool isDataDescriptor() const { return false; }
    virtual bool descrSet(Interpreter&, Value /*instance*/, Value /*value*/) { return false; }
    // `with` protocol for native context managers; nullopt = not a context manager.
    virtual std::optional<Value> enter(Interpreter&) { return std::nullopt; }
    // Returns true to suppress the exception (exc is None when the block ended normally).
    virtual std::optional<bool> exit(Interpreter&, Value /*exc*/) { return std::nullopt; }

    // The object's __dict__ (attribute storage), or nullptr when it has none.
    virtual AttrMap* instanceDict() { return nullptr; }

    // Report every Value/Object this object refers to (the class is traced by the heap).
    virtual void trace(Tracer&) {}

    // --- heap bookkeeping (Heap only) ---------------------------------------------------------
    bool marked = false;
    bool pinned = false; // never collected (interned constants, builtins)

private:
    ClassObject* cls_;
    ObjKind objKind_;
};

template <class T>
T* Value::as() const noexcept
{
    Object* o = asObject();
    if (!o)
        return nullptr;
    if constexpr (requires { T::kKind; }) {
        return o->objKind() == T::kKind ? static_cast<T*>(o) : nullptr;
    } else {
        return dynamic_cast<T*>(o);
    }
}

} // namespace pipelab::py
