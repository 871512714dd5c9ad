// ClassObject: a Python class — built-in (int, list, Exception ...), user-defined (`class X:`), or
// native (defined by an embedder such as the Django layer). Native classes customise three things
// through hooks that user subclasses inherit through the MRO:
//   allocate          creates the C++ object for an instance (e.g. a ModelInstance) before __init__;
//   construct         takes over the whole call (int(), str() ... and factories), __init__ is not run;
//   onSubclassCreated runs after a user class deriving from it is created (a metaclass __init__:
//                     Django's ModelBase collects fields here).
#pragma once

#include "sim/python/attrmap.h"
#include "sim/python/object.h"

#include <functional>
#include <string>
#include <vector>

namespace pipelab::py {

class ClassObject : public Object {
public:
    static constexpr ObjKind kKind = ObjKind::Class;
    using Allocate = std::function<Object*(Interpreter&, ClassObject* cls)>;
    using Construct = std::function<Value(Interpreter&, ClassObject* cls, CallArgs& args)>;
    using SubclassHook = std::function<void(Interpreter&, ClassObject* created)>;

    ClassObject(ClassObject* metaclass, std::string name) : Object(metaclass, kKind), name(std::move(name)) {}

    std::string name;
    std::string qualname;
    std::string moduleName;
    std::vector<ClassObject*> bases;
    std::vector<ClassObject*> mro; // self first
    AttrMap dict;                   // class attributes in definition order

    Allocate allocate;
    Construct construct;
    SubclassHook onSubclassCreated;
    // Values the embedder's hooks refer to (kept alive by the garbage collector).
    std::vector<Value> keepAlive;

    // First definition of `name` along the MRO.
    Value* lookup(std::string_view attr) const
    {
        for (ClassObject* c : mro)
            if (Value* v = c->dict.find(attr))
                return v;
        return nullptr;
    }
    bool isSubclassOf(const ClassObject* other) const
    {
        for (ClassObject* c : mro)
            if (c == other)
                return true;
        return false;
    }
    const Allocate* findAllocate() const
    {
        for (ClassObject* c : mro)
            if (c->allocate)
                return &c->allocate;
        return nullptr;
    }
    const Construct* findConstruct() const
    {
        for (ClassObject* c : mro)
            if (c->construct)
                return &c->construct;
        return nullptr;
    }

    void trace(Tracer& t) override
    {
        for (ClassObject* b : bases)
            t.visit(b);
        for (ClassObject* m : mro)
            t.visit(m);
        for (const auto& e : dict.entries())
            t.visit(e.second);
        for (const Value& v : keepAlive)
            t.visit(v);
    }
};

// C3 linearisation of cls's bases (cls first). Returns false when no consistent order exists.
bool computeMro(ClassObject* cls);

} // namespace pipelab::py
