// The descriptor objects of the built-ins: property, staticmethod, classmethod and super().
// Native code can use PropertyObject with native getter/setter functions for computed attributes.
#pragma once

#include "sim/python/object.h"

namespace pipelab::py {

class PropertyObject final : public Object {
public:
    PropertyObject(ClassObject* cls, Value getter, Value setter) : Object(cls), getter(getter), setter(setter) {}
    Value getter;
    Value setter;
    std::optional<Value> descrGet(Interpreter& interp, Value instance, ClassObject* owner) override;
    bool isDataDescriptor() const override { return true; }
    bool descrSet(Interpreter& interp, Value instance, Value value) override;
    std::optional<Value> getAttr(Interpreter& interp, std::string_view name) override;
    void trace(Tracer& t) override
    {
        t.visit(getter);
        t.visit(setter);
    }
};

class StaticMethodObject final : public Object {
public:
    StaticMethodObject(ClassObject* cls, Value function) : Object(cls), function(function) {}
    Value function;
    std::optional<Value> descrGet(Interpreter&, Value, ClassObject*) override { return function; }
    void trace(Tracer& t) override { t.visit(function); }
};

class ClassMethodObject final : public Object {
public:
    ClassMethodObject(ClassObject* cls, Value function) : Object(cls), function(function) {}
    Value function;
    std::optional<Value> descrGet(Interpreter& interp, Value instance, ClassObject* owner) override;
    void trace(Tracer& t) override { t.visit(function); }
};

// super(): attribute lookup on `self` starting after `after` in the MRO of self's class.
class SuperObject final : public Object {
public:
    SuperObject(ClassObject* cls, ClassObject* after, Value self) : Object(cls), after(after), self(self) {}
    ClassObject* after;
    Value self;
    std::optional<Value> getAttr(Interpreter& interp, std::string_view name) override;
    void trace(Tracer& t) override;
};

} // namespace pipelab::py
