// property, classmethod and super() behaviour.
#include "sim/python/descriptors.h"

#include "sim/python/interpreter.h"

namespace pipelab::py {

std::optional<Value> PropertyObject::descrGet(Interpreter& interp, Value instance, ClassObject*)
{
    if (instance.isNone())
        return Value(this);
    if (getter.isNone())
        interp.raise(interp.types().AttributeError, "unreadable attribute");
    return interp.call(getter, {instance});
}

bool PropertyObject::descrSet(Interpreter& interp, Value instance, Value value)
{
    if (setter.isNone())
        return false;
    interp.call(setter, {instance, value});
    return true;
}

std::optional<Value> PropertyObject::getAttr(Interpreter& interp, std::string_view name)
{
    if (name == "fget")
        return getter;
    if (name == "fset")
        return setter;
    if (name == "setter" || name == "getter") {
        const bool isSetter = name == "setter";
        return Value(interp.newFunction(std::string(name), [this, isSetter](Interpreter& ip, CallArgs& args) -> Value {
            if (args.size() != 1)
                ip.raise(ip.types().TypeError, "property decorator takes exactly one argument");
            Value g = isSetter ? getter : args[0];
            Value s = isSetter ? args[0] : setter;
            return Value(ip.make<PropertyObject>(ip.types().property, g, s));
        }, {Value(this)}));
    }
    return std::nullopt;
}

std::optional<Value> ClassMethodObject::descrGet(Interpreter& interp, Value instance, ClassObject* owner)
{
    Value cls = owner ? Value(owner) : Value(interp.typeOf(instance));
    return Value(interp.make<BoundMethod>(interp.types().method, cls, function));
}

std::optional<Value> SuperObject::getAttr(Interpreter& interp, std::string_view name)
{
    ClassObject* start = self.as<ClassObject>();
    const bool classSelf = start != nullptr && !interp.typeOf(self)->isSubclassOf(after);
    ClassObject* type = classSelf ? start : interp.typeOf(self);
    const auto& mro = type->mro;
    std::size_t i = 0;
    while (i < mro.size() && mro[i] != after)
        ++i;
    for (++i; i < mro.size(); ++i) {
        Value* v = mro[i]->dict.find(name);
        if (!v)
            continue;
        Object* a = v->asObject();
        if (a && (a->objKind() == ObjKind::Function || a->objKind() == ObjKind::NativeFunction)) {
            if (classSelf)
                return *v;
            return Value(interp.make<BoundMethod>(interp.types().method, self, *v));
        }
        if (a && a->objKind() == ObjKind::Other) {
            if (auto r = a->descrGet(interp, classSelf ? Value() : self, type))
                return r;
        }
        return *v;
    }
    interp.raise(interp.types().AttributeError, "'super' object has no attribute '" + std::string(name) + "'");
}

void SuperObject::trace(Tracer& t)
{
    t.visit(static_cast<Object*>(after));
    t.visit(self);
}

} // namespace pipelab::py
