// The object protocol: attribute access, calls, items, truth, repr/str, comparison, hashing,
// arithmetic and iteration, for built-in values directly and for everything else through user
// dunder methods and native hooks.
#include "sim/python/descriptors.h"
#include "sim/python/format.h"
#include "sim/python/interpreter.h"
#include "sim/python/iterators.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace pipelab::py {

namespace {

struct DunderNames {
    const char* left;
    const char* right;
};

DunderNames dunderFor(BinaryOp op)
{
    switch (op) {
    case BinaryOp::Add: return {"__add__", "__radd__"};
    case BinaryOp::Sub: return {"__sub__", "__rsub__"};
    case BinaryOp::Mul: return {"__mul__", "__rmul__"};
    case BinaryOp::MatMul: return {"__matmul__", "__rmatmul__"};
    case BinaryOp::Div: return {"__truediv__", "__rtruediv__"};
    case BinaryOp::FloorDiv: return {"__floordiv__", "__rfloordiv__"};
    case BinaryOp::Mod: return {"__mod__", "__rmod__"};
    case BinaryOp::Pow: return {"__pow__", "__rpow__"};
    case BinaryOp::LShift: return {"__lshift__", "__rlshift__"};
    case BinaryOp::RShift: return {"__rshift__", "__rrshift__"};
    case BinaryOp::BitAnd: return {"__and__", "__rand__"};
    case BinaryOp::BitOr: return {"__or__", "__ror__"};
    case BinaryOp::BitXor: return {"__xor__", "__rxor__"};
    }
    return {"", ""};
}

// Byte offsets of each code point of a UTF-8 string.
std::vector<std::size_t> codepointStarts(const std::string& s)
{
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < s.size(); ++i)
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80)
            out.push_back(i);
    return out;
}

std::string reprString(const std::string& s)
{
    const bool hasSingle = s.find('\'') != std::string::npos;
    const bool hasDouble = s.find('"') != std::string::npos;
    const char quote = hasSingle && !hasDouble ? '"' : '\'';
    std::string out(1, quote);
    for (char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (c == quote || c == '\\') {
            out += '\\';
            out += c;
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\r') {
            out += "\\r";
        } else if (c == '\t') {
            out += "\\t";
        } else if (u < 0x20 || u == 0x7f) {
            static const char* hex = "0123456789abcdef";
            out += "\\x";
            out += hex[u >> 4];
            out += hex[u & 15];
        } else {
            out += c;
        }
    }
    out += quote;
    return out;
}

std::size_t mixHash(std::size_t seed, std::size_t h)
{
    return seed ^ (h + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2));
}

} // namespace

// --- types -------------------------------------------------------------------------------------

ClassObject* Interpreter::typeOf(Value v) const
{
    switch (v.kind()) {
    case Value::Kind::None: return types_.noneType;
    case Value::Kind::Bool: return types_.bool_;
    case Value::Kind::Int: return types_.int_;
    case Value::Kind::Float: return types_.float_;
    case Value::Kind::Object: return v.asObject()->cls();
    }
    return types_.object;
}

Value* Interpreter::userDunder(Value obj, std::string_view name)
{
    Object* o = obj.asObject();
    if (!o || o->objKind() != ObjKind::Other)
        return nullptr;
    return o->cls()->lookup(name);
}

Value Interpreter::callDunder(Value obj, std::string_view name, std::vector<Value> args, bool& found)
{
    Value* m = userDunder(obj, name);
    found = m != nullptr;
    if (!m)
        return {};
    if (m->as<FunctionObject>() || m->as<NativeFunction>()) {
        args.insert(args.begin(), obj);
        CallArgs ca(std::move(args));
        return call(*m, ca);
    }
    CallArgs ca(std::move(args));
    return call(bindAttribute(obj, *m, obj.asObject()->cls()), ca);
}

// --- attributes --------------------------------------------------------------------------------

Value Interpreter::bindAttribute(Value obj, Value attr, ClassObject* owner)
{
    Object* a = attr.asObject();
    if (!a)
        return attr;
    if (a->objKind() == ObjKind::Function || a->objKind() == ObjKind::NativeFunction)
        return make<BoundMethod>(types_.method, obj, attr);
    if (a->objKind() == ObjKind::Other) {
        if (auto r = a->descrGet(*this, obj, owner))
            return *r;
    }
    return attr;
}

std::optional<Value> Interpreter::classGetAttr(ClassObject* cls, std::string_view name)
{
    for (ClassObject* c : cls->mro) {
        if (Value* v = c->dict.find(name)) {
            Object* a = v->asObject();
            if (a && a->objKind() == ObjKind::Other) {
                if (auto r = a->descrGet(*this, Value(), cls))
                    return *r;
            }
            return *v;
        }
    }
    if (name == "__name__")
        return newStr(cls->name);
    if (name == "__qualname__")
        return newStr(cls->qualname.empty() ? cls->name : cls->qualname);
    if (name == "__module__")
        return newStr(cls->moduleName);
    if (name == "__mro__") {
        std::vector<Value> items(cls->mro.begin(), cls->mro.end());
        return newTuple(std::move(items));
    }
    if (name == "__bases__") {
        std::vector<Value> items(cls->bases.begin(), cls->bases.end());
        return newTuple(std::move(items));
    }
    if (name == "__class__")
        return Value(cls->cls());
    if (name == "__doc__")
        return Value();
    return std::nullopt;
}

std::optional<Value> Interpreter::findAttr(Value obj, std::string_view name)
{
    Object* o = obj.asObject();
    if (o) {
        switch (o->objKind()) {
        case ObjKind::Class: return classGetAttr(static_cast<ClassObject*>(o), name);
        case ObjKind::Module: {
            auto* m = static_cast<ModuleObject*>(o);
            if (Value* v = m->globals.find(name))
                return *v;
            if (ModuleObject* sub = findModule(m->name + "." + std::string(name)))
                return Value(sub);
            return std::nullopt;
        }
        case ObjKind::Function: {
            auto* f = static_cast<FunctionObject*>(o);
            if (name == "__name__")
                return newStr(f->name);
            if (name == "__qualname__")
                return newStr(f->qualname);
            if (name == "__module__")
                return f->module ? newStr(f->module->name) : Value();
            break;
        }
        case ObjKind::NativeFunction:
            if (name == "__name__" || name == "__qualname__")
                return newStr(static_cast<NativeFunction*>(o)->name);
            break;
        case ObjKind::BoundMethod: {
            auto* b = static_cast<BoundMethod*>(o);
            if (name == "__self__")
                return b->self;
            if (name == "__func__")
                return b->function;
            return findAttr(b->function, name);
        }
        case ObjKind::Other:
            if (auto r = o->getAttr(*this, name))
                return r;
            break;
        default: break;
        }
    }
    ClassObject* type = typeOf(obj);
    Value* classAttr = type->lookup(name);
    if (classAttr) {
        Object* a = classAttr->asObject();
        if (a && a->isDataDescriptor()) {
            if (auto r = a->descrGet(*this, obj, type))
                return *r;
        }
    }
    if (o) {
        if (AttrMap* d = o->instanceDict()) {
            if (Value* v = d->find(name))
                return *v;
        }
    }
    if (classAttr)
        return bindAttribute(obj, *classAttr, type);
    if (name == "__class__")
        return Value(type);
    if (name == "__dict__" && o && o->instanceDict()) {
        DictObject* d = newDict();
        for (const auto& [k, v] : o->instanceDict()->entries())
            dictSet(d, newStr(k), v);
        return Value(d);
    }
    if (o && o->objKind() == ObjKind::Other && name != "__getattr__") {
        if (Value* ga = type->lookup("__getattr__")) {
            CallArgs args({newStr(std::string(name))});
            return call(bindAttribute(obj, *ga, type), args);
        }
    }
    return std::nullopt;
}

Value Interpreter::getAttr(Value obj, std::string_view name)
{
    if (auto r = findAttr(obj, name))
        return *r;
    if (auto* c = obj.as<ClassObject>())
        raise(types_.AttributeError, "type object '" + c->name + "' has no attribute '" + std::string(name) + "'");
    if (auto* m = obj.as<ModuleObject>())
        raise(types_.AttributeError, "module '" + m->name + "' has no attribute '" + std::string(name) + "'");
    raise(types_.AttributeError, "'" + typeName(obj) + "' object has no attribute '" + std::string(name) + "'");
}

bool Interpreter::hasAttr(Value obj, std::string_view name)
{
    try {
        return findAttr(obj, name).has_value();
    } catch (const PyException& e) {
        if (matches(e, types_.AttributeError))
            return false;
        throw;
    }
}

std::pair<Value, std::optional<Value>> Interpreter::lookupMethod(Value obj, std::string_view name)
{
    Object* o = obj.asObject();
    if (o && (o->objKind() == ObjKind::Class || o->objKind() == ObjKind::Module || o->objKind() == ObjKind::BoundMethod))
        return {getAttr(obj, name), std::nullopt};
    if (o && o->objKind() == ObjKind::Other) {
        if (auto r = o->getAttr(*this, name))
            return {*r, std::nullopt};
    }
    ClassObject* type = typeOf(obj);
    Value* classAttr = type->lookup(name);
    if (classAttr) {
        Object* a = classAttr->asObject();
        if (a && a->isDataDescriptor()) {
            if (auto r = a->descrGet(*this, obj, type))
                return {*r, std::nullopt};
        }
    }
    if (o) {
        if (AttrMap* d = o->instanceDict()) {
            if (Value* v = d->find(name))
                return {*v, std::nullopt};
        }
    }
    if (classAttr) {
        if (classAttr->as<FunctionObject>() || classAttr->as<NativeFunction>())
            return {*classAttr, obj};
        return {bindAttribute(obj, *classAttr, type), std::nullopt};
    }
    return {getAttr(obj, name), std::nullopt};
}

void Interpreter::setAttr(Value obj, std::string_view name, Value value)
{
    Object* o = obj.asObject();
    if (o) {
        if (o->objKind() == ObjKind::Class) {
            static_cast<ClassObject*>(o)->dict.set(name, value);
            return;
        }
        if (o->objKind() == ObjKind::Module) {
            static_cast<ModuleObject*>(o)->globals.set(name, value);
            return;
        }
        if (o->objKind() == ObjKind::Other && o->setAttr(*this, name, value))
            return;
        ClassObject* type = o->cls();
        if (Value* classAttr = type->lookup(name)) {
            Object* a = classAttr->asObject();
            if (a && a->isDataDescriptor()) {
                if (a->descrSet(*this, obj, value))
                    return;
                raise(types_.AttributeError, "property '" + std::string(name) + "' of '" + type->name +
                                                 "' object has no setter");
            }
        }
        if (AttrMap* d = o->instanceDict()) {
            d->set(name, value);
            return;
        }
    }
    raise(types_.AttributeError, "'" + typeName(obj) + "' object has no attribute '" + std::string(name) + "'");
}

void Interpreter::delAttr(Value obj, std::string_view name)
{
    Object* o = obj.asObject();
    if (o) {
        if (o->objKind() == ObjKind::Other && o->delAttr(*this, name))
            return;
        if (auto* c = obj.as<ClassObject>(); c && c->dict.erase(name))
            return;
        if (AttrMap* d = o->instanceDict(); d && d->erase(name))
            return;
    }
    raise(types_.AttributeError, "'" + typeName(obj) + "' object has no attribute '" + std::string(name) + "'");
}

// --- calls -------------------------------------------------------------------------------------

Value Interpreter::call(Value callable, CallArgs& args)
{
    checkStack();
    Object* o = callable.asObject();
    if (o) {
        switch (o->objKind()) {
        case ObjKind::Function: return callFunction(static_cast<FunctionObject*>(o), args);
        case ObjKind::NativeFunction: {
            auto* nf = static_cast<NativeFunction*>(o);
            args.callee = nf;
            // A list as the first argument (a method's receiver, or len()'s) is not charged:
            // append/pop in a loop are amortised O(1) in CPython, and charging len/4 per call
            // would make building a list quadratic in steps. The list methods that scan
            // (index, count, remove) charge their receiver themselves.
            for (std::size_t i = 0; i < args.args.size(); ++i)
                if (i > 0 || !args.args[i].as<ListObject>())
                    chargeSize(args.args[i]);
            return nf->fn(*this, args);
        }
        case ObjKind::BoundMethod: {
            auto* b = static_cast<BoundMethod*>(o);
            args.args.insert(args.args.begin(), b->self);
            return call(b->function, args);
        }
        case ObjKind::Class: return instantiate(static_cast<ClassObject*>(o), args);
        case ObjKind::Other: {
            if (Value* m = o->cls()->lookup("__call__")) {
                if (m->as<FunctionObject>() || m->as<NativeFunction>()) {
                    args.args.insert(args.args.begin(), callable);
                    return call(*m, args);
                }
                return call(bindAttribute(callable, *m, o->cls()), args);
            }
            if (auto r = o->call(*this, args))
                return *r;
            break;
        }
        default: break;
        }
    }
    raise(types_.TypeError, "'" + typeName(callable) + "' object is not callable");
}

Value Interpreter::call(Value callable, std::vector<Value> args, std::vector<std::pair<std::string, Value>> kwargs)
{
    CallArgs ca(std::move(args), std::move(kwargs));
    return call(callable, ca);
}

Value Interpreter::callMethod(Value obj, std::string_view name, std::vector<Value> args,
                              std::vector<std::pair<std::string, Value>> kwargs)
{
    auto [fn, self] = lookupMethod(obj, name);
    if (self)
        args.insert(args.begin(), *self);
    CallArgs ca(std::move(args), std::move(kwargs));
    return call(fn, ca);
}

bool Interpreter::isCallable(Value v)
{
    Object* o = v.asObject();
    if (!o)
        return false;
    switch (o->objKind()) {
    case ObjKind::Function:
    case ObjKind::NativeFunction:
    case ObjKind::BoundMethod:
    case ObjKind::Class: return true;
    case ObjKind::Other: return o->cls()->lookup("__call__") != nullptr;
    default: return false;
    }
}

// --- items -------------------------------------------------------------------------------------

void Interpreter::sliceIndices(SliceObject* slice, std::int64_t length, std::int64_t& start, std::int64_t& stop,
                               std::int64_t& step)
{
    auto asIndex = [&](Value v) {
        if (!v.isIntegral())
            raise(types_.TypeError, "slice indices must be integers or None or have an __index__ method");
        return v.asInt();
    };
    step = slice->step.isNone() ? 1 : asIndex(slice->step);
    if (step == 0)
        raise(types_.ValueError, "slice step cannot be zero");
    const std::int64_t lowerDefault = step < 0 ? length - 1 : 0;
    const std::int64_t upperDefault = step < 0 ? -1 : length;
    auto adjust = [&](Value v, std::int64_t dflt) {
        if (v.isNone())
            return dflt;
        std::int64_t i = asIndex(v);
        if (i < 0) {
            i += length;
            if (i < 0)
                i = step < 0 ? -1 : 0;
        } else if (i >= length) {
            i = step < 0 ? length - 1 : length;
        }
        return i;
    };
    start = adjust(slice->lower, lowerDefault);
    stop = adjust(slice->upper, upperDefault);
}

Value Interpreter::getItem(Value obj, Value key)
{
    Object* o = obj.asObject();
    if (o) {
        auto sliceOf = [&](std::int64_t length, auto&& element) -> std::vector<Value> {
            std::int64_t start, stop, step;
            sliceIndices(key.as<SliceObject>(), length, start, stop, step);
            std::vector<Value> out;
            for (std::int64_t i = start; step > 0 ? i < stop : i > stop; i += step)
                out.push_back(element(i));
            chargeSteps(static_cast<std::int64_t>(out.size() / 4));
            return out;
        };
        auto index = [&](std::int64_t length, const char* what) {
            std::int64_t i = key.asInt();
            if (i < 0)
                i += length;
            if (i < 0 || i >= length)
                raise(types_.IndexError, std::string(what) + " index out of range");
            return i;
        };
        switch (o->objKind()) {
        case ObjKind::List:
        case ObjKind::Tuple: {
            const bool isList = o->objKind() == ObjKind::List;
            auto& items = isList ? static_cast<ListObject*>(o)->items : static_cast<TupleObject*>(o)->items;
            if (key.isIntegral())
                return items[static_cast<std::size_t>(index(static_cast<std::int64_t>(items.size()), isList ? "list" : "tuple"))];
            if (key.as<SliceObject>()) {
                auto out = sliceOf(static_cast<std::int64_t>(items.size()), [&](std::int64_t i) { return items[static_cast<std::size_t>(i)]; });
                return isList ? Value(newList(std::move(out))) : Value(newTuple(std::move(out)));
            }
            raise(types_.TypeError, std::string(isList ? "list" : "tuple") + " indices must be integers or slices, not " +
                                        typeName(key));
        }
        case ObjKind::Str: {
            auto* s = static_cast<StrObject*>(o);
            const std::string& str = s->value();
            if (key.isIntegral() || key.as<SliceObject>()) {
                if (s->isAscii()) {
                    if (key.isIntegral())
                        return newStr(std::string(1, str[static_cast<std::size_t>(index(static_cast<std::int64_t>(str.size()), "string"))]));
                    std::int64_t start, stop, step;
                    sliceIndices(key.as<SliceObject>(), static_cast<std::int64_t>(str.size()), start, stop, step);
                    std::string out;
                    if (step == 1) {
                        if (stop > start)
                            out = str.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(stop - start));
                    } else {
                        for (std::int64_t i = start; step > 0 ? i < stop : i > stop; i += step)
                            out += str[static_cast<std::size_t>(i)];
                    }
                    return newStr(std::move(out));
                }
                const auto starts = codepointStarts(str);
                auto cp = [&](std::int64_t i) {
                    const std::size_t b = starts[static_cast<std::size_t>(i)];
                    const std::size_t e = static_cast<std::size_t>(i) + 1 < starts.size() ? starts[static_cast<std::size_t>(i) + 1] : str.size();
                    return str.substr(b, e - b);
                };
                const auto n = static_cast<std::int64_t>(starts.size());
                if (key.isIntegral())
                    return newStr(cp(index(n, "string")));
                std::int64_t start, stop, step;
                sliceIndices(key.as<SliceObject>(), n, start, stop, step);
                std::string out;
                for (std::int64_t i = start; step > 0 ? i < stop : i > stop; i += step)
                    out += cp(i);
                return newStr(std::move(out));
            }
            raise(types_.TypeError, "string indices must be integers, not '" + typeName(key) + "'");
        }
        case ObjKind::Dict: {
            auto* d = static_cast<DictObject*>(o);
            if (Value* v = d->table.lookup(*this, key))
                return *v;
            if (d->cls() != types_.dict) {
                bool found = false;
                Value r = callDunder(obj, "__missing__", {key}, found);
                if (found)
                    return r;
            }
            ExceptionObject* e = newException(types_.KeyError, "");
            e->args.push_back(key);
            raise(Value(e));
        }
        case ObjKind::Range: {
            auto* r = static_cast<RangeObject*>(o);
            if (key.isIntegral())
                return Value::integer(r->start + index(r->length(), "range object") * r->step);
            if (key.as<SliceObject>()) {
                auto out = sliceOf(r->length(), [&](std::int64_t i) { return Value::integer(r->start + i * r->step); });
                return newList(std::move(out));
            }
            raise(types_.TypeError, "range indices must be integers or slices, not " + typeName(key));
        }
        case ObjKind::Other: {
            bool found = false;
            Value r = callDunder(obj, "__getitem__", {key}, found);
            if (found)
                return r;
            if (auto h = o->getItem(*this, key))
                return *h;
            if (auto* c = obj.as<ClassObject>())
                (void)c;
            break;
        }
        case ObjKind::Class: {
            // list[int], dict[str, int] in annotations that are evaluated: return the class.
            return obj;
        }
        default: break;
        }
    }
    raise(types_.TypeError, "'" + typeName(obj) + "' object is not subscriptable");
}

void Interpreter::setItem(Value obj, Value key, Value value)
{
    Object* o = obj.asObject();
    if (o) {
        switch (o->objKind()) {
        case ObjKind::List: {
            auto& items = static_cast<ListObject*>(o)->items;
            if (key.isIntegral()) {
                std::int64_t i = key.asInt();
                const auto n = static_cast<std::int64_t>(items.size());
                if (i < 0)
                    i += n;
                if (i < 0 || i >= n)
                    raise(types_.IndexError, "list assignment index out of range");
                items[static_cast<std::size_t>(i)] = value;
                return;
            }
            if (auto* s = key.as<SliceObject>()) {
                std::int64_t start, stop, step;
                sliceIndices(s, static_cast<std::int64_t>(items.size()), start, stop, step);
                std::vector<Value> replacement = toVector(value);
                if (step != 1) {
                    std::vector<std::int64_t> positions;
                    for (std::int64_t i = start; step > 0 ? i < stop : i > stop; i += step)
                        positions.push_back(i);
                    if (positions.size() != replacement.size())
                        raise(types_.ValueError, "attempt to assign sequence of size " + std::to_string(replacement.size()) +
                                                     " to extended slice of size " + std::to_string(positions.size()));
                    for (std::size_t k = 0; k < positions.size(); ++k)
                        items[static_cast<std::size_t>(positions[k])] = replacement[k];
                    return;
                }
                if (stop < start)
                    stop = start;
                items.erase(items.begin() + start, items.begin() + stop);
                items.insert(items.begin() + start, replacement.begin(), replacement.end());
                checkCollectionSize(static_cast<std::int64_t>(items.size()));
                return;
            }
            raise(types_.TypeError, "list indices must be integers or slices, not " + typeName(key));
        }
        case ObjKind::Dict: dictSet(static_cast<DictObject*>(o), key, value); return;
        case ObjKind::Other: {
            bool found = false;
            callDunder(obj, "__setitem__", {key, value}, found);
            if (found)
                return;
            if (o->setItem(*this, key, value))
                return;
            break;
        }
        default: break;
        }
    }
    raise(types_.TypeError, "'" + typeName(obj) + "' object does not support item assignment");
}

void Interpreter::delItem(Value obj, Value key)
{
    Object* o = obj.asObject();
    if (o) {
        switch (o->objKind()) {
        case ObjKind::List: {
            auto& items = static_cast<ListObject*>(o)->items;
            if (key.isIntegral()) {
                std::int64_t i = key.asInt();
                const auto n = static_cast<std::int64_t>(items.size());
                if (i < 0)
                    i += n;
                if (i < 0 || i >= n)
                    raise(types_.IndexError, "list assignment index out of range");
                items.erase(items.begin() + i);
                return;
            }
            if (auto* s = key.as<SliceObject>()) {
                std::int64_t start, stop, step;
                sliceIndices(s, static_cast<std::int64_t>(items.size()), start, stop, step);
                std::vector<bool> drop(items.size(), false);
                for (std::int64_t i = start; step > 0 ? i < stop : i > stop; i += step)
                    drop[static_cast<std::size_t>(i)] = true;
                std::vector<Value> kept;
                for (std::size_t i = 0; i < items.size(); ++i)
                    if (!drop[i])
                        kept.push_back(items[i]);
                items = std::move(kept);
                return;
            }
            raise(types_.TypeError, "list indices must be integers or slices, not " + typeName(key));
        }
        case ObjKind::Dict: {
            if (!static_cast<DictObject*>(o)->table.erase(*this, key)) {
                ExceptionObject* e = newException(types_.KeyError, "");
                e->args.push_back(key);
                raise(Value(e));
            }
            return;
        }
        case ObjKind::Other: {
            bool found = false;
            callDunder(obj, "__delitem__", {key}, found);
            if (found)
                return;
            if (o->delItem(*this, key))
                return;
            break;
        }
        default: break;
        }
    }
    raise(types_.TypeError, "'" + typeName(obj) + "' object doesn't support item deletion");
}

bool Interpreter::contains(Value container, Value item)
{
    chargeSize(container);
    Object* o = container.asObject();
    if (o) {
        switch (o->objKind()) {
        case ObjKind::Str: {
            const std::string* needle = strOf(item);
            if (!needle)
                raise(types_.TypeError, "'in <string>' requires string as left operand, not " + typeName(item));
            return static_cast<StrObject*>(o)->value().find(*needle) != std::string::npos;
        }
        case ObjKind::List:
        case ObjKind::Tuple: {
            auto& items = o->objKind() == ObjKind::List ? static_cast<ListObject*>(o)->items : static_cast<TupleObject*>(o)->items;
            for (std::size_t i = 0; i < items.size(); ++i)
                if (items[i].is(item) || eq(items[i], item))
                    return true;
            return false;
        }
        case ObjKind::Dict: return static_cast<DictObject*>(o)->table.find(*this, item).has_value();
        case ObjKind::Set: return static_cast<SetObject*>(o)->table.find(*this, item).has_value();
        case ObjKind::Range: {
            auto* r = static_cast<RangeObject*>(o);
            if (!item.isIntegral()) {
                if (!item.isFloat())
                    return false;
                const double d = item.asFloat();
                if (d != std::floor(d))
                    return false;
                item = Value::integer(static_cast<std::int64_t>(d));
            }
            const std::int64_t v = item.asInt();
            if (r->step > 0 ? (v < r->start || v >= r->stop) : (v > r->start || v <= r->stop))
                return false;
            return (v - r->start) % r->step == 0;
        }
        case ObjKind::Other: {
            bool found = false;
            Value r = callDunder(container, "__contains__", {item}, found);
            if (found)
                return truthy(r);
            if (auto h = o->contains(*this, item))
                return *h;
            break;
        }
        default: break;
        }
    }
    bool result = false;
    if (o && (o->iter(*this) || userDunder(container, "__iter__"))) {
        forEach(container, [&](Value v) {
            if (eq(v, item)) {
                result = true;
                return false;
            }
            return true;
        });
        return result;
    }
    raise(types_.TypeError, "argument of type '" + typeName(container) + "' is not iterable");
}

// --- truth, length, repr -----------------------------------------------------------------------

bool Interpreter::truthy(Value v)
{
    switch (v.kind()) {
    case Value::Kind::None: return false;
    case Value::Kind::Bool: return v.asBool();
    case Value::Kind::Int: return v.asInt() != 0;
    case Value::Kind::Float: return v.asFloat() != 0.0;
    case Value::Kind::Object: break;
    }
    Object* o = v.asObject();
    switch (o->objKind()) {
    case ObjKind::Str: return !static_cast<StrObject*>(o)->value().empty();
    case ObjKind::List: return !static_cast<ListObject*>(o)->items.empty();
    case ObjKind::Tuple: return !static_cast<TupleObject*>(o)->items.empty();
    case ObjKind::Dict: return static_cast<DictObject*>(o)->table.size() > 0;
    case ObjKind::Set: return static_cast<SetObject*>(o)->table.size() > 0;
    case ObjKind::Range: return static_cast<RangeObject*>(o)->length() > 0;
    case ObjKind::Other: {
        bool found = false;
        Value r = callDunder(v, "__bool__", {}, found);
        if (found) {
            if (!r.isBool())
                raise(types_.TypeError, "__bool__ should return bool, returned " + typeName(r));
            return r.asBool();
        }
        if (auto h = o->truthy(*this))
            return *h;
        r = callDunder(v, "__len__", {}, found);
        if (found)
            return truthy(r);
        if (auto n = o->len(*this))
            return *n > 0;
        return true;
    }
    default: return true;
    }
}

std::int64_t Interpreter::len(Value v)
{
    if (Object* o = v.asObject()) {
        switch (o->objKind()) {
        case ObjKind::Str: return static_cast<StrObject*>(o)->length();
        case ObjKind::List: return static_cast<std::int64_t>(static_cast<ListObject*>(o)->items.size());
        case ObjKind::Tuple: return static_cast<std::int64_t>(static_cast<TupleObject*>(o)->items.size());
        case ObjKind::Dict: return static_cast<std::int64_t>(static_cast<DictObject*>(o)->table.size());
        case ObjKind::Set: return static_cast<std::int64_t>(static_cast<SetObject*>(o)->table.size());
        case ObjKind::Range: return static_cast<RangeObject*>(o)->length();
        case ObjKind::Other: {
            bool found = false;
            Value r = callDunder(v, "__len__", {}, found);
            if (found) {
                if (!r.isIntegral())
                    raise(types_.TypeError, "'" + typeName(r) + "' object cannot be interpreted as an integer");
                if (r.asInt() < 0)
                    raise(types_.ValueError, "__len__() should return >= 0");
                return r.asInt();
            }
            if (auto n = o->len(*this))
                return *n;
            break;
        }
        default: break;
        }
    }
    raise(types_.TypeError, "object of type '" + typeName(v) + "' has no len()");
}

std::string Interpreter::repr(Value v)
{
    switch (v.kind()) {
    case Value::Kind::None: return "None";
    case Value::Kind::Bool: return v.asBool() ? "True" : "False";
    case Value::Kind::Int: return std::to_string(v.asInt());
    case Value::Kind::Float: return floatRepr(v.asFloat());
    case Value::Kind::Object: break;
    }
    Object* o = v.asObject();
    if (o->objKind() == ObjKind::Str)
        return reprString(static_cast<StrObject*>(o)->value());
    checkStack();
    if (std::find(reprStack_.begin(), reprStack_.end(), o) != reprStack_.end()) {
        switch (o->objKind()) {
        case ObjKind::List: return "[...]";
        case ObjKind::Dict: return "{...}";
        default: return "...";
        }
    }
    reprStack_.push_back(o);
    struct Pop {
        std::vector<Object*>& stack;
        ~Pop() { stack.pop_back(); }
    } pop{reprStack_};
    return reprObject(o);
}

std::string Interpreter::reprObject(Object* o)
{
    Value v(o);
    auto join = [&](const std::vector<Value>& items) {
        std::string out;
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (i)
                out += ", ";
            out += repr(items[i]);
        }
        return out;
    };
    switch (o->objKind()) {
    case ObjKind::List: return "[" + join(static_cast<ListObject*>(o)->items) + "]";
    case ObjKind::Tuple: {
        auto& items = static_cast<TupleObject*>(o)->items;
        return "(" + join(items) + (items.size() == 1 ? ",)" : ")");
    }
    case ObjKind::Dict: {
        std::string out = "{";
        bool first = true;
        for (const auto& e : static_cast<DictObject*>(o)->table.entries()) {
            if (!e.live)
                continue;
            if (!first)
                out += ", ";
            first = false;
            out += repr(e.key) + ": " + repr(e.value);
        }
        return out + "}";
    }
    case ObjKind::Set: {
        std::vector<Value> items;
        for (const auto& e : static_cast<SetObject*>(o)->table.entries())
            if (e.live)
                items.push_back(e.key);
        return items.empty() ? "set()" : "{" + join(items) + "}";
    }
    case ObjKind::Range: {
        auto* r = static_cast<RangeObject*>(o);
        return "range(" + std::to_string(r->start) + ", " + std::to_string(r->stop) +
               (r->step != 1 ? ", " + std::to_string(r->step) : std::string()) + ")";
    }
    case ObjKind::Slice: {
        auto* s = static_cast<SliceObject*>(o);
        return "slice(" + repr(s->lower) + ", " + repr(s->upper) + ", " + repr(s->step) + ")";
    }
    case ObjKind::Function: return "<function " + static_cast<FunctionObject*>(o)->qualname + ">";
    case ObjKind::NativeFunction: return "<built-in function " + static_cast<NativeFunction*>(o)->name + ">";
    case ObjKind::BoundMethod: {
        auto* b = static_cast<BoundMethod*>(o);
        std::string name = "?";
        if (auto* f = b->function.as<FunctionObject>())
            name = f->qualname;
        else if (auto* n = b->function.as<NativeFunction>())
            name = n->name;
        return "<bound method " + name + " of " + repr(b->self) + ">";
    }
    case ObjKind::Class: {
        auto* c = static_cast<ClassObject*>(o);
        const std::string qual = c->qualname.empty() ? c->name : c->qualname;
        return "<class '" + (c->moduleName.empty() || c->moduleName == "builtins" ? qual : c->moduleName + "." + qual) + "'>";
    }
    case ObjKind::Module: return "<module '" + static_cast<ModuleObject*>(o)->name + "'>";
    case ObjKind::Other: {
        bool found = false;
        Value r = callDunder(v, "__repr__", {}, found);
        if (found) {
            const std::string* s = strOf(r);
            if (!s)
                raise(types_.TypeError, "__repr__ returned non-string (type " + typeName(r) + ")");
            return *s;
        }
        if (auto h = o->repr(*this))
            return *h;
        if (v.is(notImplemented_))
            return "NotImplemented";
        if (v.is(ellipsis_))
            return "Ellipsis";
        if (auto* e = dynamic_cast<ExceptionObject*>(o)) {
            return e->cls()->name + "(" + join(e->args) + ")";
        }
        ClassObject* c = o->cls();
        return "<" + (c->moduleName.empty() || c->moduleName == "builtins" ? c->name : c->moduleName + "." + c->name) +
               " object>";
    }
    default: return "<object>";
    }
}

std::string Interpreter::toStr(Value v)
{
    if (const std::string* s = strOf(v))
        return *s;
    if (Object* o = v.asObject(); o && o->objKind() == ObjKind::Other) {
        bool found = false;
        Value r = callDunder(v, "__str__", {}, found);
        if (found) {
            const std::string* s = strOf(r);
            if (!s)
                raise(types_.TypeError, "__str__ returned non-string (type " + typeName(r) + ")");
            return *s;
        }
        if (auto h = o->str(*this))
            return *h;
        if (auto* e = dynamic_cast<ExceptionObject*>(o))
            return exceptionMessage(e);
    }
    return repr(v);
}

std::string Interpreter::format(Value v, std::string_view spec)
{
    if (Object* o = v.asObject(); o && o->objKind() == ObjKind::Other) {
        bool found = false;
        Value r = callDunder(v, "__format__", {newStr(std::string(spec))}, found);
        if (found)
            return expectStr(r, "__format__ result");
    }
    return formatWithSpec(*this, v, spec);
}

// --- comparison and hashing --------------------------------------------------------------------

bool Interpreter::eq(Value a, Value b)
{
    if (a.isNumber() && b.isNumber()) {
        if (a.isFloat() || b.isFloat())
            return a.asFloat() == b.asFloat();
        return a.asInt() == b.asInt();
    }
    if (a.isNone() || b.isNone())
        return a.isNone() && b.isNone();
    Object* ao = a.asObject();
    Object* bo = b.asObject();
    if (!ao || !bo) {
        // a number against an object: let a user/native object decide, else unequal
        Object* o = ao ? ao : bo;
        if (!o || o->objKind() != ObjKind::Other)
            return false;
    }
    if (ao && ao == bo)
        return true;
    checkStack();
    if (ao && bo && ao->objKind() == bo->objKind()) {
        switch (ao->objKind()) {
        case ObjKind::Str: return static_cast<StrObject*>(ao)->value() == static_cast<StrObject*>(bo)->value();
        case ObjKind::List:
        case ObjKind::Tuple: {
            auto& x = ao->objKind() == ObjKind::List ? static_cast<ListObject*>(ao)->items : static_cast<TupleObject*>(ao)->items;
            auto& y = bo->objKind() == ObjKind::List ? static_cast<ListObject*>(bo)->items : static_cast<TupleObject*>(bo)->items;
            if (x.size() != y.size())
                return false;
            for (std::size_t i = 0; i < x.size(); ++i)
                if (!x[i].is(y[i]) && !eq(x[i], y[i]))
                    return false;
            return true;
        }
        case ObjKind::Dict: {
            auto& x = static_cast<DictObject*>(ao)->table;
            auto& y = static_cast<DictObject*>(bo)->table;
            if (x.size() != y.size())
                return false;
            for (const auto& e : x.entries()) {
                if (!e.live)
                    continue;
                Value* other = y.lookup(*this, e.key);
                if (!other || !eq(e.value, *other))
                    return false;
            }
            return true;
        }
        case ObjKind::Set: {
            auto& x = static_cast<SetObject*>(ao)->table;
            auto& y = static_cast<SetObject*>(bo)->table;
            if (x.size() != y.size())
                return false;
            for (const auto& e : x.entries())
                if (e.live && !y.find(*this, e.key))
                    return false;
            return true;
        }
        case ObjKind::Range: {
            auto* x = static_cast<RangeObject*>(ao);
            auto* y = static_cast<RangeObject*>(bo);
            const auto n = x->length();
            if (n != y->length())
                return false;
            if (n == 0)
                return true;
            return x->start == y->start && (n == 1 || x->step == y->step);
        }
        default: break;
        }
    }
    for (int side = 0; side < 2; ++side) {
        Value self = side == 0 ? a : b;
        Value other = side == 0 ? b : a;
        Object* o = self.asObject();
        if (!o || o->objKind() != ObjKind::Other)
            continue;
        bool found = false;
        Value r = callDunder(self, "__eq__", {other}, found);
        if (found && !r.is(notImplemented_))
            return truthy(r);
        if (auto h = o->equals(*this, other))
            return *h;
    }
    return false;
}

bool Interpreter::lessThan(Value a, Value b)
{
    return truthy(compare(CompareOp::Lt, a, b));
}

Value Interpreter::compare(CompareOp op, Value a, Value b)
{
    chargeSize(a);
    chargeSize(b);
    switch (op) {
    case CompareOp::Eq: return Value::boolean(eq(a, b));
    case CompareOp::NotEq: return Value::boolean(!eq(a, b));
    case CompareOp::Is: return Value::boolean(a.is(b));
    case CompareOp::IsNot: return Value::boolean(!a.is(b));
    case CompareOp::In: return Value::boolean(contains(b, a));
    case CompareOp::NotIn: return Value::boolean(!contains(b, a));
    default: break;
    }
    auto result = [op](int c) {
        switch (op) {
        case CompareOp::Lt: return Value::boolean(c < 0);
        case CompareOp::LtE: return Value::boolean(c <= 0);
        case CompareOp::Gt: return Value::boolean(c > 0);
        case CompareOp::GtE: return Value::boolean(c >= 0);
        default: return Value::boolean(false);
        }
    };
    if (a.isNumber() && b.isNumber()) {
        if (a.isFloat() || b.isFloat()) {
            const double x = a.asFloat();
            const double y = b.asFloat();
            if (std::isnan(x) || std::isnan(y))
                return Value::boolean(false);
            return result(x < y ? -1 : x > y ? 1 : 0);
        }
        const std::int64_t x = a.asInt();
        const std::int64_t y = b.asInt();
        return result(x < y ? -1 : x > y ? 1 : 0);
    }
    Object* ao = a.asObject();
    Object* bo = b.asObject();
    if (ao && bo && ao->objKind() == bo->objKind()) {
        switch (ao->objKind()) {
        case ObjKind::Str: {
            const int c = static_cast<StrObject*>(ao)->value().compare(static_cast<StrObject*>(bo)->value());
            return result(c);
        }
        case ObjKind::List:
        case ObjKind::Tuple: {
            checkStack();
            auto& x = ao->objKind() == ObjKind::List ? static_cast<ListObject*>(ao)->items : static_cast<TupleObject*>(ao)->items;
            auto& y = bo->objKind() == ObjKind::List ? static_cast<ListObject*>(bo)->items : static_cast<TupleObject*>(bo)->items;
            const std::size_t n = std::min(x.size(), y.size());
            for (std::size_t i = 0; i < n; ++i) {
                if (!eq(x[i], y[i]))
                    return compare(op, x[i], y[i]);
            }
            return result(x.size() < y.size() ? -1 : x.size() > y.size() ? 1 : 0);
        }
        case ObjKind::Set: {
            auto& x = static_cast<SetObject*>(ao)->table;
            auto& y = static_cast<SetObject*>(bo)->table;
            auto subset = [&](HashTable& p, HashTable& q) {
                for (const auto& e : p.entries())
                    if (e.live && !q.find(*this, e.key))
                        return false;
                return true;
            };
            switch (op) {
            case CompareOp::LtE: return Value::boolean(subset(x, y));
            case CompareOp::Lt: return Value::boolean(x.size() < y.size() && subset(x, y));
            case CompareOp::GtE: return Value::boolean(subset(y, x));
            case CompareOp::Gt: return Value::boolean(x.size() > y.size() && subset(y, x));
            default: break;
            }
            break;
        }
        default: break;
        }
    }
    static const char* names[] = {"", "", "__lt__", "__le__", "__gt__", "__ge__"};
    static const char* reflected[] = {"", "", "__gt__", "__ge__", "__lt__", "__le__"};
    static const CompareOp swapped[] = {CompareOp::Eq, CompareOp::NotEq, CompareOp::Gt, CompareOp::GtE, CompareOp::Lt, CompareOp::LtE};
    const auto idx = static_cast<std::size_t>(op);
    if (ao && ao->objKind() == ObjKind::Other) {
        bool found = false;
        Value r = callDunder(a, names[idx], {b}, found);
        if (found && !r.is(notImplemented_))
            return r;
        if (auto h = ao->compare(*this, op, b))
            return *h;
    }
    if (bo && bo->objKind() == ObjKind::Other) {
        bool found = false;
        Value r = callDunder(b, reflected[idx], {a}, found);
        if (found && !r.is(notImplemented_))
            return r;
        if (auto h = bo->compare(*this, swapped[idx], a))
            return *h;
    }
    raise(types_.TypeError, std::string("'") + symbol(op) + "' not supported between instances of '" + typeName(a) +
                                "' and '" + typeName(b) + "'");
}

std::size_t Interpreter::hash(Value v)
{
    switch (v.kind()) {
    case Value::Kind::None: return 0x5bd1e995;
    case Value::Kind::Bool:
    case Value::Kind::Int: return std::hash<std::int64_t>{}(v.asInt());
    case Value::Kind::Float: {
        const double d = v.asFloat();
        if (d == std::floor(d) && std::abs(d) < 9.2e18)
            return std::hash<std::int64_t>{}(static_cast<std::int64_t>(d));
        return std::hash<double>{}(d);
    }
    case Value::Kind::Object: break;
    }
    Object* o = v.asObject();
    switch (o->objKind()) {
    case ObjKind::Str: return std::hash<std::string>{}(static_cast<StrObject*>(o)->value());
    case ObjKind::Tuple: {
        checkStack();
        std::size_t h = 0x345678;
        for (const Value& item : static_cast<TupleObject*>(o)->items)
            h = mixHash(h, hash(item));
        return h;
    }
    case ObjKind::List:
    case ObjKind::Dict:
    case ObjKind::Set: raise(types_.TypeError, "unhashable type: '" + typeName(v) + "'");
    case ObjKind::Other: {
        if (Value* m = userDunder(v, "__hash__"); m && m->isNone())
            raise(types_.TypeError, "unhashable type: '" + typeName(v) + "'");
        bool found = false;
        Value r = callDunder(v, "__hash__", {}, found);
        if (found)
            return static_cast<std::size_t>(expectInt(r, "__hash__ result"));
        if (auto h = o->hash(*this))
            return *h;
        break;
    }
    default: break;
    }
    return std::hash<const void*>{}(o);
}

// --- arithmetic --------------------------------------------------------------------------------

Value Interpreter::intBinary(BinaryOp op, std::int64_t a, std::int64_t b, bool bothBool)
{
    std::int64_t r = 0;
    auto overflow = [&]() { raise(types_.OverflowError, "integer overflow (PipeLab integers are 64-bit)"); };
    switch (op) {
    case BinaryOp::Add:
        if (__builtin_add_overflow(a, b, &r))
            overflow();
        return Value::integer(r);
    case BinaryOp::Sub:
        if (__builtin_sub_overflow(a, b, &r))
            overflow();
        return Value::integer(r);
    case BinaryOp::Mul:
        if (__builtin_mul_overflow(a, b, &r))
            overflow();
        return Value::integer(r);
    case BinaryOp::Div:
        if (b == 0)
            raise(types_.ZeroDivisionError, "division by zero");
        return Value::real(static_cast<double>(a) / static_cast<double>(b));
    case BinaryOp::FloorDiv: {
        if (b == 0)
            raise(types_.ZeroDivisionError, "integer division or modulo by zero");
        if (a == INT64_MIN && b == -1)
            overflow();
        std::int64_t q = a / b;
        if ((a % b != 0) && ((a < 0) != (b < 0)))
            --q;
        return Value::integer(q);
    }
    case BinaryOp::Mod: {
        if (b == 0)
            raise(types_.ZeroDivisionError, "integer modulo by zero");
        if (b == -1)
            return Value::integer(0);
        std::int64_t m = a % b;
        if (m != 0 && ((m < 0) != (b < 0)))
            m += b;
        return Value::integer(m);
    }
    case BinaryOp::Pow: {
        if (b < 0) {
            if (a == 0)
                raise(types_.ZeroDivisionError, "0.0 cannot be raised to a negative power");
            return Value::real(std::pow(static_cast<double>(a), static_cast<double>(b)));
        }
        std::int64_t result = 1;
        std::int64_t base = a;
        std::int64_t e = b;
        while (e > 0) {
            if (e & 1) {
                if (__builtin_mul_overflow(result, base, &result))
                    overflow();
            }
            e >>= 1;
            if (e > 0 && __builtin_mul_overflow(base, base, &base))
                overflow();
        }
        return Value::integer(result);
    }
    case BinaryOp::LShift:
        if (b < 0)
            raise(types_.ValueError, "negative shift count");
        if (b >= 63 || (a != 0 && (a > (INT64_MAX >> b) || a < (INT64_MIN >> b))))
            overflow();
        return Value::integer(static_cast<std::int64_t>(static_cast<std::uint64_t>(a) << b));
    case BinaryOp::RShift:
        if (b < 0)
            raise(types_.ValueError, "negative shift count");
        return Value::integer(b >= 64 ? (a < 0 ? -1 : 0) : a >> b);
    case BinaryOp::BitAnd: return bothBool ? Value::boolean((a & b) != 0) : Value::integer(a & b);
    case BinaryOp::BitOr: return bothBool ? Value::boolean((a | b) != 0) : Value::integer(a | b);
    case BinaryOp::BitXor: return bothBool ? Value::boolean((a ^ b) != 0) : Value::integer(a ^ b);
    case BinaryOp::MatMul: break;
    }
    raise(types_.TypeError, std::string("unsupported operand type(s) for ") + symbol(op) + ": 'int' and 'int'");
}

Value Interpreter::floatBinary(BinaryOp op, double a, double b)
{
    switch (op) {
    case BinaryOp::Add: return Value::real(a + b);
    case BinaryOp::Sub: return Value::real(a - b);
    case BinaryOp::Mul: return Value::real(a * b);
    case BinaryOp::Div:
        if (b == 0)
            raise(types_.ZeroDivisionError, "float division by zero");
        return Value::real(a / b);
    case BinaryOp::FloorDiv:
        if (b == 0)
            raise(types_.ZeroDivisionError, "float floor division by zero");
        return Value::real(std::floor(a / b));
    case BinaryOp::Mod: {
        if (b == 0)
            raise(types_.ZeroDivisionError, "float modulo");
        double m = std::fmod(a, b);
        if (m != 0 && ((m < 0) != (b < 0)))
            m += b;
        else if (m == 0)
            m = std::copysign(0.0, b);
        return Value::real(m);
    }
    case BinaryOp::Pow:
        if (a == 0 && b < 0)
            raise(types_.ZeroDivisionError, "0.0 cannot be raised to a negative power");
        if (a < 0 && b != std::floor(b))
            raise(types_.ValueError, "negative number cannot be raised to a fractional power (complex numbers are not supported)");
        return Value::real(std::pow(a, b));
    default: break;
    }
    raise(types_.TypeError, std::string("unsupported operand type(s) for ") + symbol(op) + ": 'float' and 'float'");
}

std::optional<Value> Interpreter::binaryFast(BinaryOp op, Value a, Value b)
{
    if (a.isIntegral() && b.isIntegral())
        return intBinary(op, a.asInt(), b.asInt(), a.isBool() && b.isBool());
    if (a.isNumber() && b.isNumber()) {
        if (op == BinaryOp::LShift || op == BinaryOp::RShift || op == BinaryOp::BitAnd || op == BinaryOp::BitOr ||
            op == BinaryOp::BitXor || op == BinaryOp::MatMul)
            return std::nullopt;
        return floatBinary(op, a.asFloat(), b.asFloat());
    }
    return std::nullopt;
}

std::optional<Value> Interpreter::sequenceBinary(BinaryOp op, Value a, Value b)
{
    Object* ao = a.asObject();
    Object* bo = b.asObject();
    auto repeat = [&](const std::vector<Value>& items, std::int64_t n) {
        std::vector<Value> out;
        if (n <= 0 || items.empty())
            return out;
        checkCollectionSize(static_cast<std::int64_t>(items.size()) * n);
        out.reserve(items.size() * static_cast<std::size_t>(n));
        for (std::int64_t i = 0; i < n; ++i)
            out.insert(out.end(), items.begin(), items.end());
        return out;
    };
    if (ao && ao->objKind() == ObjKind::Str) {
        const std::string& s = static_cast<StrObject*>(ao)->value();
        if (op == BinaryOp::Add) {
            if (const std::string* t = strOf(b)) {
                checkStringSize(s.size() + t->size());
                return newStr(s + *t);
            }
            if (!bo || bo->objKind() != ObjKind::Other)
                raise(types_.TypeError, "can only concatenate str (not \"" + typeName(b) + "\") to str");
        }
        if (op == BinaryOp::Mul && b.isIntegral()) {
            const std::int64_t n = b.asInt();
            if (n <= 0 || s.empty())
                return newStr("");
            checkStringSize(s.size() * static_cast<std::size_t>(n));
            std::string out;
            out.reserve(s.size() * static_cast<std::size_t>(n));
            for (std::int64_t i = 0; i < n; ++i)
                out += s;
            return newStr(std::move(out));
        }
        if (op == BinaryOp::Mod)
            return newStr(percentFormat(*this, s, b));
    }
    if (bo && bo->objKind() == ObjKind::Str && op == BinaryOp::Mul && a.isIntegral())
        return sequenceBinary(op, b, a);
    if (ao && (ao->objKind() == ObjKind::List || ao->objKind() == ObjKind::Tuple)) {
        const bool isList = ao->objKind() == ObjKind::List;
        auto& items = isList ? static_cast<ListObject*>(ao)->items : static_cast<TupleObject*>(ao)->items;
        if (op == BinaryOp::Add) {
            if (bo && bo->objKind() == ao->objKind()) {
                auto& other = isList ? static_cast<ListObject*>(bo)->items : static_cast<TupleObject*>(bo)->items;
                std::vector<Value> out = items;
                out.insert(out.end(), other.begin(), other.end());
                return isList ? Value(newList(std::move(out))) : Value(newTuple(std::move(out)));
            }
            if (!bo || bo->objKind() != ObjKind::Other)
                raise(types_.TypeError, std::string("can only concatenate ") + (isList ? "list" : "tuple") + " (not \"" +
                                            typeName(b) + "\") to " + (isList ? "list" : "tuple"));
        }
        if (op == BinaryOp::Mul && b.isIntegral()) {
            auto out = repeat(items, b.asInt());
            return isList ? Value(newList(std::move(out))) : Value(newTuple(std::move(out)));
        }
    }
    if (bo && (bo->objKind() == ObjKind::List || bo->objKind() == ObjKind::Tuple) && op == BinaryOp::Mul && a.isIntegral())
        return sequenceBinary(op, b, a);
    if (ao && bo && ao->objKind() == ObjKind::Set && bo->objKind() == ObjKind::Set) {
        auto& x = static_cast<SetObject*>(ao)->table;
        auto& y = static_cast<SetObject*>(bo)->table;
        SetObject* out = newSet();
        auto add = [&](Value k) { out->table.insert(*this, k, Value()); };
        switch (op) {
        case BinaryOp::BitOr:
            for (const auto& e : x.entries())
                if (e.live)
                    add(e.key);
            for (const auto& e : y.entries())
                if (e.live)
                    add(e.key);
            return Value(out);
        case BinaryOp::BitAnd:
            for (const auto& e : x.entries())
                if (e.live && y.find(*this, e.key))
                    add(e.key);
            return Value(out);
        case BinaryOp::Sub:
            for (const auto& e : x.entries())
                if (e.live && !y.find(*this, e.key))
                    add(e.key);
            return Value(out);
        case BinaryOp::BitXor:
            for (const auto& e : x.entries())
                if (e.live && !y.find(*this, e.key))
                    add(e.key);
            for (const auto& e : y.entries())
                if (e.live && !x.find(*this, e.key))
                    add(e.key);
            return Value(out);
        default: break;
        }
    }
    if (ao && bo && ao->objKind() == ObjKind::Dict && bo->objKind() == ObjKind::Dict && op == BinaryOp::BitOr) {
        DictObject* out = newDict();
        for (auto* d : {static_cast<DictObject*>(ao), static_cast<DictObject*>(bo)})
            for (const auto& e : d->table.entries())
                if (e.live)
                    dictSet(out, e.key, e.value);
        return Value(out);
    }
    return std::nullopt;
}

Value Interpreter::binary(BinaryOp op, Value a, Value b)
{
    if (auto r = binaryFast(op, a, b))
        return *r;
    if (auto r = sequenceBinary(op, a, b))
        return *r;
    const DunderNames names = dunderFor(op);
    Object* ao = a.asObject();
    Object* bo = b.asObject();
    if (ao && ao->objKind() == ObjKind::Other) {
        bool found = false;
        Value r = callDunder(a, names.left, {b}, found);
        if (found && !r.is(notImplemented_))
            return r;
        if (auto h = ao->binaryOp(*this, op, b, false))
            return *h;
    }
    if (bo && bo->objKind() == ObjKind::Other) {
        bool found = false;
        Value r = callDunder(b, names.right, {a}, found);
        if (found && !r.is(notImplemented_))
            return r;
        if (auto h = bo->binaryOp(*this, op, a, true))
            return *h;
    }
    raise(types_.TypeError, std::string("unsupported operand type(s) for ") + symbol(op) + ": '" + typeName(a) +
                                "' and '" + typeName(b) + "'");
}

Value Interpreter::inplace(BinaryOp op, Value a, Value b)
{
    Object* ao = a.asObject();
    if (ao && ao->objKind() == ObjKind::List && op == BinaryOp::Add) {
        auto& items = static_cast<ListObject*>(ao)->items;
        std::vector<Value> extra = toVector(b);
        items.insert(items.end(), extra.begin(), extra.end());
        checkCollectionSize(static_cast<std::int64_t>(items.size()));
        return a;
    }
    if (ao && ao->objKind() == ObjKind::Set && b.as<SetObject>() &&
        (op == BinaryOp::BitOr || op == BinaryOp::BitAnd || op == BinaryOp::Sub || op == BinaryOp::BitXor)) {
        Value r = binary(op, a, b);
        auto& table = static_cast<SetObject*>(ao)->table;
        table.clear();
        for (const auto& e : r.as<SetObject>()->table.entries())
            if (e.live)
                table.insert(*this, e.key, Value());
        return a;
    }
    if (ao && ao->objKind() == ObjKind::Dict && op == BinaryOp::BitOr && b.as<DictObject>()) {
        for (const auto& e : b.as<DictObject>()->table.entries())
            if (e.live)
                dictSet(static_cast<DictObject*>(ao), e.key, e.value);
        return a;
    }
    if (ao && ao->objKind() == ObjKind::Other) {
        static const char* inames[] = {"__iadd__", "__isub__", "__imul__", "__imatmul__", "__itruediv__", "__ifloordiv__",
                                       "__imod__", "__ipow__", "__ilshift__", "__irshift__", "__iand__", "__ior__", "__ixor__"};
        bool found = false;
        Value r = callDunder(a, inames[static_cast<std::size_t>(op)], {b}, found);
        if (found && !r.is(notImplemented_))
            return r;
    }
    return binary(op, a, b);
}

Value Interpreter::unary(UnaryOp op, Value v)
{
    if (op == UnaryOp::Not)
        return Value::boolean(!truthy(v));
    if (v.isIntegral()) {
        const std::int64_t i = v.asInt();
        switch (op) {
        case UnaryOp::Neg:
            if (i == INT64_MIN)
                raise(types_.OverflowError, "integer overflow (PipeLab integers are 64-bit)");
            return Value::integer(-i);
        case UnaryOp::Pos: return Value::integer(i);
        case UnaryOp::Invert: return Value::integer(~i);
        default: break;
        }
    }
    if (v.isFloat()) {
        if (op == UnaryOp::Neg)
            return Value::real(-v.asFloat());
        if (op == UnaryOp::Pos)
            return v;
    }
    if (Object* o = v.asObject(); o && o->objKind() == ObjKind::Other) {
        const char* name = op == UnaryOp::Neg ? "__neg__" : op == UnaryOp::Pos ? "__pos__" : "__invert__";
        bool found = false;
        Value r = callDunder(v, name, {}, found);
        if (found)
            return r;
        if (auto h = o->unaryOp(*this, op))
            return *h;
    }
    raise(types_.TypeError, std::string("bad operand type for unary ") + symbol(op) + ": '" + typeName(v) + "'");
}

// --- iteration ---------------------------------------------------------------------------------

Value Interpreter::iter(Value iterable)
{
    Object* o = iterable.asObject();
    if (o) {
        switch (o->objKind()) {
        case ObjKind::List:
        case ObjKind::Tuple: return make<SequenceIterator>(types_.iterator, o);
        case ObjKind::Str: return make<StrIterator>(types_.iterator, static_cast<StrObject*>(o));
        case ObjKind::Dict:
            return make<HashIterator>(types_.iterator, o, &static_cast<DictObject*>(o)->table, HashIterator::Mode::Keys, false);
        case ObjKind::Set:
            return make<HashIterator>(types_.iterator, o, &static_cast<SetObject*>(o)->table, HashIterator::Mode::Keys, true);
        case ObjKind::Range: {
            auto* r = static_cast<RangeObject*>(o);
            return make<RangeIterator>(types_.iterator, r->start, r->step, r->length());
        }
        case ObjKind::Other: {
            bool found = false;
            Value r = callDunder(iterable, "__iter__", {}, found);
            if (found) {
                Object* it = r.asObject();
                if (it && it->isIterator())
                    return r;
                if (userDunder(r, "__next__"))
                    return make<UserIterator>(types_.iterator, r);
                raise(types_.TypeError, "iter() returned non-iterator of type '" + typeName(r) + "'");
            }
            if (Object* it = o->iter(*this))
                return it;
            if (userDunder(iterable, "__next__"))
                return make<UserIterator>(types_.iterator, iterable);
            if (userDunder(iterable, "__getitem__")) {
                // The old sequence protocol: __getitem__(0), (1), ... until IndexError.
                std::vector<Value> items;
                for (std::int64_t i = 0;; ++i) {
                    try {
                        items.push_back(getItem(iterable, Value::integer(i)));
                    } catch (const PyException& e) {
                        if (matches(e, types_.IndexError) || matches(e, types_.StopIteration))
                            break;
                        throw;
                    }
                    checkCollectionSize(static_cast<std::int64_t>(items.size()));
                }
                return make<ValuesIterator>(types_.iterator, std::move(items));
            }
            break;
        }
        default: break;
        }
    }
    raise(types_.TypeError, "'" + typeName(iterable) + "' object is not iterable");
}

std::optional<Value> Interpreter::next(Value iterator)
{
    Object* o = iterator.asObject();
    if (!o || !o->isIterator()) {
        if (o && userDunder(iterator, "__next__")) {
            try {
                bool found = false;
                return callDunder(iterator, "__next__", {}, found);
            } catch (const PyException& e) {
                if (matches(e, types_.StopIteration))
                    return std::nullopt;
                throw;
            }
        }
        raise(types_.TypeError, "'" + typeName(iterator) + "' object is not an iterator");
    }
    return o->next(*this);
}

void Interpreter::forEach(Value iterable, const std::function<bool(Value)>& fn)
{
    // Every element visited is a step: sum(range(10**12)) or a builtin walking a big list inside
    // a loop must end on the step budget like the equivalent Python loop would.
    auto visit = [&](Value v) {
        step();
        return fn(v);
    };
    Object* o = iterable.asObject();
    if (o && o->objKind() == ObjKind::List) {
        auto& items = static_cast<ListObject*>(o)->items;
        for (std::size_t i = 0; i < items.size(); ++i)
            if (!visit(items[i]))
                return;
        return;
    }
    if (o && o->objKind() == ObjKind::Tuple) {
        auto& items = static_cast<TupleObject*>(o)->items;
        for (std::size_t i = 0; i < items.size(); ++i)
            if (!visit(items[i]))
                return;
        return;
    }
    if (o && o->objKind() == ObjKind::Range) {
        auto* r = static_cast<RangeObject*>(o);
        const std::int64_t n = r->length();
        for (std::int64_t i = 0; i < n; ++i)
            if (!visit(Value::integer(r->start + i * r->step)))
                return;
        return;
    }
    Value it = iter(iterable);
    while (auto v = next(it))
        if (!visit(*v))
            return;
}

std::vector<Value> Interpreter::toVector(Value iterable)
{
    if (auto* l = iterable.as<ListObject>())
        return l->items;
    if (auto* t = iterable.as<TupleObject>())
        return t->items;
    std::vector<Value> out;
    forEach(iterable, [&](Value v) {
        out.push_back(v);
        if ((out.size() & 1023) == 0)
            checkCollectionSize(static_cast<std::int64_t>(out.size()));
        return true;
    });
    checkCollectionSize(static_cast<std::int64_t>(out.size()));
    return out;
}

void Interpreter::sortValues(std::vector<Value>& items, Value key, bool reverse)
{
    std::vector<Value> keys;
    if (!key.isNone()) {
        keys.reserve(items.size());
        for (const Value& v : items)
            keys.push_back(call(key, {v}));
    }
    std::vector<std::size_t> order(items.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    const std::vector<Value>& k = key.isNone() ? items : keys;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
        step(); // a comparison is a step, so sorting a big list in a loop ends on the budget
        return reverse ? lessThan(k[y], k[x]) : lessThan(k[x], k[y]);
    });
    std::vector<Value> sorted;
    sorted.reserve(items.size());
    for (std::size_t i : order)
        sorted.push_back(items[i]);
    items = std::move(sorted);
}

} // namespace pipelab::py
