// The builtins module: functions, the constructors of the built-in types and the base exception
// behaviour. Everything here goes through the Interpreter's public object protocol.
#include "sim/python/builtins.h"
#include "sim/python/utf8.h"

#include "sim/python/argcheck.h"
#include "sim/python/descriptors.h"
#include "sim/python/format.h"
#include "sim/python/interpreter.h"
#include "sim/python/iterators.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace pipelab::py {

namespace {

std::string trim(const std::string& s)
{
    const auto b = s.find_first_not_of(" \t\n\r\f\v");
    if (b == std::string::npos)
        return {};
    const auto e = s.find_last_not_of(" \t\n\r\f\v");
    return s.substr(b, e - b + 1);
}

std::optional<std::int64_t> parseInt(std::string text, int base)
{
    text = trim(text);
    bool negative = false;
    if (!text.empty() && (text[0] == '+' || text[0] == '-')) {
        negative = text[0] == '-';
        text.erase(0, 1);
    }
    if (text.size() > 2 && text[0] == '0') {
        const char p = static_cast<char>(text[1] | 0x20);
        const int prefixed = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 0;
        if (prefixed && (base == 0 || base == prefixed)) {
            base = prefixed;
            text.erase(0, 2);
            if (!text.empty() && text[0] == '_')
                text.erase(0, 1);
        }
    }
    if (base == 0)
        base = 10;
    std::string digits;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '_') {
            if (i == 0 || i + 1 == text.size() || text[i + 1] == '_')
                return std::nullopt;
            continue;
        }
        digits += text[i];
    }
    if (digits.empty())
        return std::nullopt;
    std::uint64_t value = 0;
    auto res = std::from_chars(digits.data(), digits.data() + digits.size(), value, base);
    if (res.ec != std::errc() || res.ptr != digits.data() + digits.size())
        return std::nullopt;
    if (value > static_cast<std::uint64_t>(INT64_MAX) + (negative ? 1 : 0))
        return std::nullopt;
    return negative ? static_cast<std::int64_t>(0 - value) : static_cast<std::int64_t>(value);
}

std::optional<double> parseFloat(const std::string& original)
{
    std::string text = trim(original);
    std::string lower;
    for (char c : text)
        if (c != '_')
            lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string body = lower;
    bool negative = false;
    if (!body.empty() && (body[0] == '+' || body[0] == '-')) {
        negative = body[0] == '-';
        body.erase(0, 1);
    }
    if (body == "inf" || body == "infinity")
        return negative ? -HUGE_VAL : HUGE_VAL;
    if (body == "nan")
        return std::nan("");
    if (body.empty() || body.find_first_not_of("0123456789.e+-") != std::string::npos)
        return std::nullopt;
    double v = 0;
    auto res = std::from_chars(body.data(), body.data() + body.size(), v);
    if (res.ptr != body.data() + body.size())
        return std::nullopt;
    if (res.ec == std::errc::result_out_of_range)
        v = body.find("e-") != std::string::npos ? 0.0 : HUGE_VAL;
    else if (res.ec != std::errc())
        return std::nullopt;
    return negative ? -v : v;
}

Value floatToInt(Interpreter& ip, double d)
{
    if (std::isinf(d))
        ip.raise(ip.types().OverflowError, "cannot convert float infinity to integer");
    if (std::isnan(d))
        ip.raise(ip.types().ValueError, "cannot convert float NaN to integer");
    const double t = std::trunc(d);
    if (t >= 9.2233720368547758e18 || t < -9.2233720368547758e18)
        ip.raise(ip.types().OverflowError, "integer overflow (PipeLab integers are 64-bit)");
    return Value::integer(static_cast<std::int64_t>(t));
}

std::int64_t asIndex(Interpreter& ip, Value v)
{
    if (v.isIntegral())
        return v.asInt();
    ip.raise(ip.types().TypeError, "'" + ip.typeName(v) + "' object cannot be interpreted as an integer");
}

// min() and max().
Value extreme(Interpreter& ip, CallArgs& a, bool isMax)
{
    const char* name = isMax ? "max" : "min";
    allowKeywords(ip, a, name, {"key", "default"});
    if (a.args.empty())
        ip.raise(ip.types().TypeError, std::string(name) + " expected at least 1 argument, got 0");
    const Value* key = a.kwarg("key");
    const Value* dflt = a.kwarg("default");
    std::vector<Value> items;
    if (a.args.size() == 1) {
        items = ip.toVector(a.args[0]);
    } else {
        if (dflt)
            ip.raise(ip.types().TypeError, std::string("Cannot specify a default for ") + name + "() with multiple positional arguments");
        items = a.args;
    }
    if (items.empty()) {
        if (dflt)
            return *dflt;
        ip.raise(ip.types().ValueError, std::string(name) + "() arg is an empty sequence");
    }
    const bool useKey = key && !key->isNone();
    Value best = items[0];
    Value bestKey = useKey ? ip.call(*key, {best}) : best;
    for (std::size_t i = 1; i < items.size(); ++i) {
        Value k = useKey ? ip.call(*key, {items[i]}) : items[i];
        if (isMax ? ip.lessThan(bestKey, k) : ip.lessThan(k, bestKey)) {
            best = items[i];
            bestKey = k;
        }
    }
    return best;
}

} // namespace

void installBuiltins(Interpreter& interp)
{
    const Types& t = interp.types();
    AttrMap& g = interp.builtins_->globals;
    auto def = [&](const char* name, NativeFn fn) { g.set(name, interp.newFunction(name, std::move(fn))); };

    for (ClassObject* c : {t.object, t.type, t.int_, t.bool_, t.float_, t.str, t.list, t.tuple, t.dict, t.set, t.range,
                           t.slice, t.property, t.staticmethod, t.classmethod, t.super})
        g.set(c->name, c);
    for (ClassObject* c : {t.BaseException, t.Exception, t.ArithmeticError, t.ZeroDivisionError, t.OverflowError,
                           t.LookupError, t.KeyError, t.IndexError, t.ValueError, t.UnicodeError, t.TypeError,
                           t.AttributeError, t.NameError, t.UnboundLocalError, t.RuntimeError, t.NotImplementedError,
                           t.RecursionError, t.StopIteration, t.AssertionError, t.ImportError, t.ModuleNotFoundError})
        g.set(c->name, c);
    g.set("NotImplemented", interp.notImplemented());
    g.set("Ellipsis", interp.ellipsis_);

    // --- exceptions ---
    interp.defineMethod(t.BaseException, "__init__", [](Interpreter& ip, CallArgs& a) -> Value {
        if (auto* e = dynamic_cast<ExceptionObject*>(a.args[0].asObject()))
            e->args.assign(a.args.begin() + 1, a.args.end());
        (void)ip;
        return {};
    });
    t.BaseException->dict.set("args", interp.newProperty([](Interpreter& ip, CallArgs& a) -> Value {
        auto* e = dynamic_cast<ExceptionObject*>(a.args[0].asObject());
        return ip.newTuple(e ? e->args : std::vector<Value>{});
    }));

    t.BaseException->dict.set("__cause__", interp.newProperty([](Interpreter&, CallArgs& a) -> Value {
        auto* e = dynamic_cast<ExceptionObject*>(a.args[0].asObject());
        return e ? e->cause : Value();
    }));
    t.BaseException->dict.set("__context__", interp.newProperty([](Interpreter&, CallArgs& a) -> Value {
        auto* e = dynamic_cast<ExceptionObject*>(a.args[0].asObject());
        return e ? e->context : Value();
    }));

    // --- type constructors ---
    t.type->construct = [](Interpreter& ip, ClassObject*, CallArgs& a) -> Value {
        if (a.args.size() == 1 && a.kwargs.empty())
            return ip.typeOf(a.args[0]);
        ip.raise(ip.types().TypeError, "type() with 3 arguments is not supported in PipeLab scenarios");
    };
    t.int_->construct = [](Interpreter& ip, ClassObject*, CallArgs& a) -> Value {
        allowKeywords(ip, a, "int", {"base"});
        const Value* baseKw = a.kwarg("base");
        if (a.args.size() > 2 || (a.args.size() == 2 && baseKw))
            ip.raise(ip.types().TypeError, "int() takes at most 2 arguments (" + std::to_string(a.args.size()) + " given)");
        if (a.args.empty())
            return Value::integer(0);
        Value v = a.args[0];
        const bool hasBase = a.args.size() == 2 || baseKw;
        if (hasBase) {
            const std::int64_t base = ip.expectInt(a.args.size() == 2 ? a.args[1] : *baseKw, "int() base");
            const std::string* s = Interpreter::strOf(v);
            if (!s)
                ip.raise(ip.types().TypeError, "int() can't convert non-string with explicit base");
            if (base != 0 && (base < 2 || base > 36))
                ip.raise(ip.types().ValueError, "int() base must be >= 2 and <= 36, or 0");
            if (auto r = parseInt(*s, static_cast<int>(base)))
                return Value::integer(*r);
            ip.raise(ip.types().ValueError, "invalid literal for int() with base " + std::to_string(base) + ": " + ip.repr(v));
        }
        if (v.isIntegral())
            return Value::integer(v.asInt());
        if (v.isFloat())
            return floatToInt(ip, v.asFloat());
        if (const std::string* s = Interpreter::strOf(v)) {
            if (auto r = parseInt(*s, 10))
                return Value::integer(*r);
            ip.raise(ip.types().ValueError, "invalid literal for int() with base 10: " + ip.repr(v));
        }
        if (ip.findAttr(v, "__int__"))
            return ip.callMethod(v, "__int__");
        ip.raise(ip.types().TypeError, "int() argument must be a string, a bytes-like object or a real number, not '" +
                                           ip.typeName(v) + "'");
    };
    t.bool_->construct = [](Interpreter& ip, ClassObject*, CallArgs& a) -> Value {
        checkArgs(ip, a, "bool", 0, 1);
        return Value::boolean(!a.args.empty() && ip.truthy(a.args[0]));
    };
    t.float_->construct = [](Interpreter& ip, ClassObject*, CallArgs& a) -> Value {
        checkArgs(ip, a, "float", 0, 1);
        if (a.args.empty())
            return Value::real(0.0);
        Value v = a.args[0];
        if (v.isNumber())
            return Value::real(v.asFloat());
        if (const std::string* s = Interpreter::strOf(v)) {
            if (auto r = parseFloat(*s))
                return Value::real(*r);
            ip.raise(ip.types().ValueError, "could not convert string to float: " + ip.repr(v));
        }
        if (ip.findAttr(v, "__float__"))
            return ip.callMethod(v, "__float__");
        ip.raise(ip.types().TypeError, "float() argument must be a string or a real number, not '" + ip.typeName(v) + "'");
    };
    t.str->construct = [](Interpreter& ip, ClassObject*, CallArgs& a) -> Value {
        checkArgs(ip, a, "str", 0, 1);
        if (a.args.empty())
            return ip.newStr("");
        if (a.args[0].as<StrObject>())
            return a.args[0];
        return ip.newStr(ip.toStr(a.args[0]));
    };
    t.list->construct = [](Interpreter& ip, ClassObject*, CallArgs& a) -> Value {
        checkArgs(ip, a, "list", 0, 1);
        return ip.newList(a.args.empty() ? std::vector<Value>{} : ip.toVector(a.args[0]));
    };
    t.tuple->construct = [](Interpreter& ip, ClassObject*, CallArgs& a) -> Value {
        checkArgs(ip, a, "tuple", 0, 1);
        if (!a.args.empty() && a.args[0].as<TupleObject>())
            return a.args[0];
        return ip.newTuple(a.args.empty() ? std::vector<Value>{} : ip.toVector(a.args[0]));
    };
    t.set->construct = [](Interpreter& ip, ClassObject*, CallArgs& a) -> Value {
        checkArgs(ip, a, "set", 0, 1);
        SetObject* s = ip.newSet();
        if (!a.args.empty())
            ip.forEach(a.args[0], [&](Value v) {
                s->table.insert(ip, v, Value());
                ip.checkCollectionSize(static_cast<std::int64_t>(s->table.size()));
                return true;
            });
        return s;
    };
    t.dict->construct = [](Interpreter& ip, ClassObject*, CallArgs& a) -> Value {
        if (a.args.size() > 1)
            ip.raise(ip.types().TypeError, "dict expected at most 1 argument, got " + std::to_string(a.args.size()));
        DictObject* d = ip.newDict();
        if (!a.args.empty()) {
            Value src = a.args[0];
            if (auto* other = src.as<DictObject>()) {
                for (const auto& e : other->table.entries())
                    if (e.live)
                        ip.dictSet(d, e.key, e.value);
            } else if (src.asObject() && src.asObject()->objKind() == ObjKind::Other && ip.findAttr(src, "keys")) {
                for (Value k : ip.toVector(ip.callMethod(src, "keys")))
                    ip.dictSet(d, k, ip.getItem(src, k));
            } else {
                std::size_t index = 0;
                ip.forEach(src, [&](Value item) {
                    Object* o = item.asObject();
                    if (!o || (o->objKind() != ObjKind::Tuple && o->objKind() != ObjKind::List && o->objKind() != ObjKind::Other &&
                               o->objKind() != ObjKind::Str))
                        ip.raise(ip.types().TypeError, "cannot convert dictionary update sequence element #" +
                                                           std::to_string(index) + " to a sequence");
                    std::vector<Value> pair = ip.toVector(item);
                    if (pair.size() != 2)
                        ip.raise(ip.types().ValueError, "dictionary update sequence element #" + std::to_string(index) +
                                                            " has length " + std::to_string(pair.size()) + "; 2 is required");
                    ip.dictSet(d, pair[0], pair[1]);
                    ++index;
                    return true;
                });
            }
        }
        for (const auto& [k, v] : a.kwargs)
            ip.dictSet(d, ip.newStr(k), v);
        return d;
    };
    t.range->construct = [](Interpreter& ip, ClassObject*, CallArgs& a) -> Value {
        checkArgs(ip, a, "range", 1, 3);
        std::int64_t start = 0, stop = 0, step = 1;
        if (a.args.size() == 1) {
            stop = asIndex(ip, a.args[0]);
        } else {
            start = asIndex(ip, a.args[0]);
            stop = asIndex(ip, a.args[1]);
            if (a.args.size() == 3)
                step = asIndex(ip, a.args[2]);
        }
        if (step == 0)
            ip.raise(ip.types().ValueError, "range() arg 3 must not be zero");
        return ip.make<RangeObject>(ip.types().range, start, stop, step);
    };
    t.slice->construct = [](Interpreter& ip, ClassObject*, CallArgs& a) -> Value {
        checkArgs(ip, a, "slice", 1, 3);
        if (a.args.size() == 1)
            return ip.make<SliceObject>(ip.types().slice, Value(), a.args[0], Value());
        return ip.make<SliceObject>(ip.types().slice, a.args[0], a.args[1], a.args.size() == 3 ? a.args[2] : Value());
    };
    t.property->construct = [](Interpreter& ip, ClassObject*, CallArgs& a) -> Value {
        allowKeywords(ip, a, "property", {"fget", "fset", "fdel", "doc"});
        Value getter = !a.args.empty() ? a.args[0] : a.kwarg("fget") ? *a.kwarg("fget") : Value();
        Value setter = a.args.size() > 1 ? a.args[1] : a.kwarg("fset") ? *a.kwarg("fset") : Value();
        return ip.make<PropertyObject>(ip.types().property, getter, setter);
    };
    t.staticmethod->construct = [](Interpreter& ip, ClassObject*, CallArgs& a) -> Value {
        checkArgs(ip, a, "staticmethod", 1, 1);
        return ip.make<StaticMethodObject>(ip.types().staticmethod, a.args[0]);
    };
    t.classmethod->construct = [](Interpreter& ip, ClassObject*, CallArgs& a) -> Value {
        checkArgs(ip, a, "classmethod", 1, 1);
        return ip.make<ClassMethodObject>(ip.types().classmethod, a.args[0]);
    };
    t.super->construct = [](Interpreter& ip, ClassObject*, CallArgs& a) -> Value {
        checkArgs(ip, a, "super", 0, 2);
        if (a.args.size() == 2) {
            auto* cls = a.args[0].as<ClassObject>();
            if (!cls)
                ip.raise(ip.types().TypeError, "super() argument 1 must be a type, not " + ip.typeName(a.args[0]));
            return ip.make<SuperObject>(ip.types().super, cls, a.args[1]);
        }
        if (a.args.size() == 1)
            ip.raise(ip.types().TypeError, "super() with one argument is not supported in PipeLab scenarios");
        Interpreter::Frame* f = ip.frame_;
        if (!f || !f->function || f->function->spec->params.positional.empty())
            ip.raise(ip.types().RuntimeError, "super(): no arguments");
        if (!f->function->ownerClass)
            ip.raise(ip.types().RuntimeError, "super(): __class__ cell not found");
        const std::string& first = f->function->spec->params.positional[0].name;
        Value self;
        bool found = false;
        if (Value* v = f->locals->find(first)) {
            self = *v;
            found = true;
        }
        for (ScopeObject* s = f->enclosing; s && !found; s = s->parent)
            if (Value* v = s->vars.find(first)) {
                self = *v;
                found = true;
            }
        if (!found)
            ip.raise(ip.types().RuntimeError, "super(): arg[0] deleted");
        return ip.make<SuperObject>(ip.types().super, f->function->ownerClass, self);
    };

    // --- functions ---
    def("print", [](Interpreter& ip, CallArgs& a) -> Value {
        allowKeywords(ip, a, "print", {"sep", "end", "file", "flush"});
        if (const Value* f = a.kwarg("file"); f && !f->isNone())
            ip.raise(ip.types().TypeError, "print(file=...) is not supported in PipeLab scenarios");
        std::string sep = " ";
        std::string end = "\n";
        if (const Value* s = a.kwarg("sep"); s && !s->isNone())
            sep = ip.expectStr(*s, "sep");
        if (const Value* e = a.kwarg("end"); e && !e->isNone())
            end = ip.expectStr(*e, "end");
        std::string line;
        for (std::size_t i = 0; i < a.args.size(); ++i) {
            if (i)
                line += sep;
            line += ip.toStr(a.args[i]);
        }
        line += end;
        ip.checkStringSize(ip.output().size() + line.size());
        ip.write(line);
        return {};
    });
    def("len", [](Interpreter& ip, CallArgs& a) -> Value {
        checkArgs(ip, a, "len", 1, 1);
        return Value::integer(ip.len(a.args[0]));
    });
    def("repr", [](Interpreter& ip, CallArgs& a) -> Value {
        checkArgs(ip, a, "repr", 1, 1);
        return ip.newStr(ip.repr(a.args[0]));
    });
    def("ascii", [](Interpreter& ip, CallArgs& a) -> Value {
        checkArgs(ip, a, "ascii", 1, 1);
        return ip.newStr(ip.repr(a.args[0]));
    });
    def("isinstance", [](Interpreter& ip, CallArgs& a) -> Value {
        checkArgs(ip, a, "isinstance", 2, 2);
        ClassObject* type = ip.typeOf(a.args[0]);
        auto check = [&](Value c) {
            auto* cls = c.as<ClassObject>();
            if (!cls)
                ip.raise(ip.types().TypeError, "isinstance() arg 2 must be a type, a tuple of types, or a union");
            return type->isSubclassOf(cls);
        };
        if (auto* tuple = a.args[1].as<TupleObject>()) {
            for (Value c : tuple->items)
                if (check(c))
                    return Value::boolean(true);
            return Value::boolean(false);
        }
        return Value::boolean(check(a.args[1]));
    });
    def("issubclass", [](Interpreter& ip, CallArgs& a) -> Value {
        checkArgs(ip, a, "issubclass", 2, 2);
        auto* cls = a.args[0].as<ClassObject>();
        if (!cls)
            ip.raise(ip.types().TypeError, "issubclass() arg 1 must be a class");
        auto check = [&](Value c) {
            auto* other = c.as<ClassObject>();
            if (!other)
                ip.raise(ip.types().TypeError, "issubclass() arg 2 must be a class, a tuple of classes, or a union");
            return cls->isSubclassOf(other);
        };
        if (auto* tuple = a.args[1].as<TupleObject>()) {
            for (Value c : tuple->items)
                if (check(c))
                    return Value::boolean(true);
            return Value::boolean(false);
        }
        return Value::boolean(check(a.args[1]));
    });
    def("getattr", [](Interpreter& ip, CallArgs& a) -> Value {
        checkArgs(ip, a, "getattr", 2, 3);
        const std::string* name = Interpreter::strOf(a.args[1]);
        if (!name)
            ip.raise(ip.types().TypeError, "attribute name must be string, not '" + ip.typeName(a.args[1]) + "'");
        if (a.args.size() == 2)
            return ip.getAttr(a.args[0], *name);
        try {
            if (auto r = ip.findAttr(a.args[0], *name))
                return *r;
        } catch (const PyException& e) {
            if (!ip.matches(e, ip.types().AttributeError))
                throw;
        }
        return a.args[2];
    });
    def("hasattr", [](Interpreter& ip, CallArgs& a) -> Value {
        checkArgs(ip, a, "hasattr", 2, 2);
        const std::string* name = Interpreter::strOf(a.args[1]);
        if (!name)
            ip.raise(ip.types().TypeError, "attribute name must be string, not '" + ip.typeName(a.args[1]) + "'");
        return Value::boolean(ip.hasAttr(a.args[0], *name));
    });
    def("setattr", [](Interpreter& ip, CallArgs& a) -> Value {
        checkArgs(ip, a, "setattr", 3, 3);
        ip.setAttr(a.args[0], ip.expectStr(a.args[1], "attribute name"), a.args[2]);
        return {};
    });
    def("delattr", [](Interpreter& ip, CallArgs& a) -> Value {
        checkArgs(ip, a, "delattr", 2, 2);
        ip.delAttr(a.args[0], ip.expectStr(a.args[1], "attribute name"));
        return {};
    });
    def("callable", [](Interpreter& ip, CallArgs& a) -> Value {
        checkArgs(ip, a, "callable", 1, 1);
        return Value::boolean(ip.isCallable(a.args[0]));
    });
    def("abs", [](Interpreter& ip, CallArgs& a) -> Value {
        checkArgs(ip, a, "abs", 1, 1);
        Value v = a.args[0];
        if (v.isIntegral()) {
            if (v.asInt() == INT64_MIN)
                ip.raise(ip.types().OverflowError, "integer overflow (PipeLab integers are 64-bit)");
            return Value::integer(v.asInt() < 0 ? -v.asInt() : v.asInt());
        }
        if (v.isFloat())
            return Value::real(std::fabs(v.asFloat()));
        if (ip.findAttr(v, "__abs__"))
            return ip.callMethod(v, "__abs__");
        ip.raise(ip.types().TypeError, "bad operand type for abs(): '" + ip.typeName(v) + "'");
    });
    def("round", [](Interpreter& ip, CallArgs& a) -> Value {
        allowKeywords(ip, a, "round", {"ndigits"});
        if (a.args.empty() || a.args.size() > 2)
            ip.raise(ip.types().TypeError, "round() takes at most 2 arguments (" + std::to_string(a.args.size()) + " given)");
        Value v = a.args[0];
        Value nd = a.args.size() == 2 ? a.args[1] : a.kwarg("ndigits") ? *a.kwarg("ndigits") : Value();
        if (v.isIntegral()) {
            if (nd.isNone() || ip.expectInt(nd, "ndigits") >= 0)
                return Value::integer(v.asInt());
            std::int64_t p = 1;
            for (std::int64_t i = 0; i < -nd.asInt() && p < INT64_MAX / 10; ++i)
                p *= 10;
            const std::int64_t x = v.asInt();
            std::int64_t q = x / p;
            std::int64_t r = x % p;
            if (r < 0) {
                r += p;
                --q;
            }
            if (2 * r > p || (2 * r == p && (q & 1)))
                ++q;
            return Value::integer(q * p);
        }
        if (!v.isFloat()) {
            if (ip.findAttr(v, "__round__"))
                return nd.isNone() ? ip.callMethod(v, "__round__") : ip.callMethod(v, "__round__", {nd});
            ip.raise(ip.types().TypeError, "type " + ip.typeName(v) + " doesn't define __round__ method");
        }
        const double d = v.asFloat();
        if (nd.isNone())
            return floatToInt(ip, std::nearbyint(d));
        const std::int64_t n = ip.expectInt(nd, "ndigits");
        if (!std::isfinite(d))
            return v;
        if (n >= 0) {
            char buf[400];
            std::snprintf(buf, sizeof buf, "%.*f", static_cast<int>(std::min<std::int64_t>(n, 300)), d);
            return Value::real(std::strtod(buf, nullptr));
        }
        const double p = std::pow(10.0, static_cast<double>(-n));
        return Value::real(std::nearbyint(d / p) * p);
    });
    def("sum", [](Interpreter& ip, CallArgs& a) -> Value {
        allowKeywords(ip, a, "sum", {"start"});
        if (a.args.empty() || a.args.size() > 2)
            ip.raise(ip.types().TypeError, "sum() takes at most 2 arguments (" + std::to_string(a.args.size()) + " given)");
        Value total = a.args.size() == 2 ? a.args[1] : a.kwarg("start") ? *a.kwarg("start") : Value::integer(0);
        if (total.as<StrObject>())
            ip.raise(ip.types().TypeError, "sum() can't sum strings [use ''.join(seq) instead]");
        ip.forEach(a.args[0], [&](Value v) {
            total = ip.binary(BinaryOp::Add, total, v);
            return true;
        });
        return total;
    });
    def("min", [](Interpreter& ip, CallArgs& a) -> Value { return extreme(ip, a, false); });
    def("max", [](Interpreter& ip, CallArgs& a) -> Value { return extreme(ip, a, true); });
    def("sorted", [](Interpreter& ip, CallArgs& a) -> Value {
        allowKeywords(ip, a, "sorted", {"key", "reverse"});
        if (a.args.size() != 1)
            ip.raise(ip.types().TypeError, "sorted expected 1 argument, got " + std::to_string(a.args.size()));
        std::vector<Value> items = ip.toVector(a.args[0]);
        const Value* key = a.kwarg("key");
        const Value* reverse = a.kwarg("reverse");
        ip.sortValues(items, key ? *key : Value(), reverse && ip.truthy(*reverse));
        return ip.newList(std::move(items));
    });
    def("enumerate", [](Interpreter& ip, CallArgs& a) -> Value {
        allowKeywords(ip, a, "enumerate", {"start"});
        if (a.args.empty() || a.args.size() > 2)
            ip.raise(ip.types().TypeError, "enumerate() takes at most 2 arguments");
        std::int64_t i = a.args.size() == 2 ? ip.expectInt(a.args[1], "start")
                                            : a.kwarg("start") ? ip.expectInt(*a.kwarg("start"), "start") : 0;
        std::vector<Value> out;
        ip.forEach(a.args[0], [&](Value v) {
            out.push_back(ip.newTuple({Value::integer(i++), v}));
            return true;
        });
        return ip.make<ValuesIterator>(ip.types().iterator, std::move(out));
    });
    def("zip", [](Interpreter& ip, CallArgs& a) -> Value {
        allowKeywords(ip, a, "zip", {"strict"});
        std::vector<std::vector<Value>> columns;
        std::size_t n = SIZE_MAX;
        for (Value v : a.args) {
            columns.push_back(ip.toVector(v));
            n = std::min(n, columns.back().size());
        }
        std::vector<Value> out;
        if (columns.empty())
            n = 0;
        for (std::size_t i = 0; i < n; ++i) {
            std::vector<Value> row;
            for (auto& c : columns)
                row.push_back(c[i]);
            out.push_back(ip.newTuple(std::move(row)));
        }
        return ip.make<ValuesIterator>(ip.types().iterator, std::move(out));
    });
    def("map", [](Interpreter& ip, CallArgs& a) -> Value {
        if (a.args.size() < 2)
            ip.raise(ip.types().TypeError, "map() must have at least two arguments.");
        std::vector<std::vector<Value>> columns;
        std::size_t n = SIZE_MAX;
        for (std::size_t i = 1; i < a.args.size(); ++i) {
            columns.push_back(ip.toVector(a.args[i]));
            n = std::min(n, columns.back().size());
        }
        std::vector<Value> out;
        for (std::size_t i = 0; i < n; ++i) {
            std::vector<Value> row;
            for (auto& c : columns)
                row.push_back(c[i]);
            out.push_back(ip.call(a.args[0], std::move(row)));
        }
        return ip.make<ValuesIterator>(ip.types().iterator, std::move(out));
    });
    def("filter", [](Interpreter& ip, CallArgs& a) -> Value {
        checkArgs(ip, a, "filter", 2, 2);
        std::vector<Value> out;
        ip.forEach(a.args[1], [&](Value v) {
            if (a.args[0].isNone() ? ip.truthy(v) : ip.truthy(ip.call(a.args[0], {v})))
                out.push_back(v);
            return true;
        });
        return ip.make<ValuesIterator>(ip.types().iterator, std::move(out));
    });
    def("reversed", [](Interpreter& ip, CallArgs& a) -> Value {
        checkArgs(ip, a, "reversed", 1, 1);
        Value v = a.args[0];
        Object* o = v.asObject();
        if (o && o->objKind() == ObjKind::Other && ip.findAttr(v, "__reversed__"))
            return ip.callMethod(v, "__reversed__");
        if (!o || (o->objKind() != ObjKind::List && o->objKind() != ObjKind::Tuple && o->objKind() != ObjKind::Str &&
                   o->objKind() != ObjKind::Range && o->objKind() != ObjKind::Dict && o->objKind() != ObjKind::Other))
            ip.raise(ip.types().TypeError, "'" + ip.typeName(v) + "' object is not reversible");
        std::vector<Value> items = ip.toVector(v);
        std::reverse(items.begin(), items.end());
        return ip.make<ValuesIterator>(ip.types().iterator, std::move(items));
    });
    def("any", [](Interpreter& ip, CallArgs& a) -> Value {
        checkArgs(ip, a, "any", 1, 1);
        bool result = false;
        ip.forEach(a.args[0], [&](Value v) {
            result = ip.truthy(v);
            return !result;
        });
        return Value::boolean(result);
    });
    def("all", [](Interpreter& ip, CallArgs& a) -> Value {
        checkArgs(ip, a, "all", 1, 1);
        bool result = true;
        ip.forEach(a.args[0], [&](Value v) {
            result = ip.truthy(v);
            return result;
        });
        return Value::boolean(result);
    });
    def("iter", [](Interpreter& ip, CallArgs& a) -> Value {
        checkArgs(ip, a, "iter", 1, 1);
        return ip.iter(a.args[0]);
    });
    def("next", [](Interpreter& ip, CallArgs& a) -> Value {
        checkArgs(ip, a, "next", 1, 2);
        if (auto v = ip.next(a.args[0]))
            return *v;
        if (a.args.size() == 2)
            return a.args[1];
        ip.raise(ip.types().StopIteration, "");
    });
    def("divmod", [](Interpreter& ip, CallArgs& a) -> Value {
        checkArgs(ip, a, "divmod", 2, 2);
        if (a.args[0].isIntegral() && a.args[1].isIntegral() && a.args[1].asInt() == 0)
            ip.raise(ip.types().ZeroDivisionError, "integer division or modulo by zero");
        return ip.newTuple({ip.binary(BinaryOp::FloorDiv, a.args[0], a.args[1]), ip.binary(BinaryOp::Mod, a.args[0], a.args[1])});
    });
    def("pow", [](Interpreter& ip, CallArgs& a) -> Value {
        checkArgs(ip, a, "pow", 2, 3);
        if (a.args.size() == 3) {
            std::int64_t base = ip.expectInt(a.args[0], "pow() base");
            std::int64_t exp = ip.expectInt(a.args[1], "pow() exponent");
            std::int64_t mod = ip.expectInt(a.args[2], "pow() modulus");
            if (mod == 0)
                ip.raise(ip.types().ValueError, "pow() 3rd argument cannot be 0");
            if (exp < 0)
                ip.raise(ip.types().ValueError, "negative exponents with a modulus are not supported in PipeLab scenarios");
            __extension__ typedef __int128 Wide;
            Wide result = 1;
            Wide b = ((base % mod) + mod) % mod;
            while (exp > 0) {
                if (exp & 1)
                    result = (result * b) % mod;
                b = (b * b) % mod;
                exp >>= 1;
            }
            return Value::integer(static_cast<std::int64_t>(result));
        }
        return ip.binary(BinaryOp::Pow, a.args[0], a.args[1]);
    });
    def("hash", [](Interpreter& ip, CallArgs& a) -> Value {
        checkArgs(ip, a, "hash", 1, 1);
        return Value::integer(static_cast<std::int64_t>(ip.hash(a.args[0]) >> 1));
    });
    def("format", [](Interpreter& ip, CallArgs& a) -> Value {
        checkArgs(ip, a, "format", 1, 2);
        return ip.newStr(ip.format(a.args[0], a.args.size() == 2 ? ip.expectStr(a.args[1], "format spec") : std::string()));
    });
    def("chr", [](Interpreter& ip, CallArgs& a) -> Value {
        checkArgs(ip, a, "chr", 1, 1);
        const std::int64_t cp = asIndex(ip, a.args[0]);
        if (cp < 0 || cp > 0x10FFFF)
            ip.raise(ip.types().ValueError, "chr() arg not in range(0x110000)");
        std::string s;
        appendUtf8(s, static_cast<std::uint32_t>(cp));
        return ip.newStr(std::move(s));
    });
    def("ord", [](Interpreter& ip, CallArgs& a) -> Value {
        checkArgs(ip, a, "ord", 1, 1);
        auto* s = a.args[0].as<StrObject>();
        if (!s)
            ip.raise(ip.types().TypeError, "ord() expected string of length 1, but " + ip.typeName(a.args[0]) + " found");
        if (s->length() != 1)
            ip.raise(ip.types().TypeError, "ord() expected a character, but string of length " +
                                               std::to_string(s->length()) + " found");
        const std::string& v = s->value();
        const auto c0 = static_cast<unsigned char>(v[0]);
        std::uint32_t cp = c0;
        if (c0 >= 0xF0)
            cp = ((c0 & 0x07u) << 18) | ((static_cast<unsigned char>(v[1]) & 0x3Fu) << 12) |
                 ((static_cast<unsigned char>(v[2]) & 0x3Fu) << 6) | (static_cast<unsigned char>(v[3]) & 0x3Fu);
        else if (c0 >= 0xE0)
            cp = ((c0 & 0x0Fu) << 12) | ((static_cast<unsigned char>(v[1]) & 0x3Fu) << 6) | (static_cast<unsigned char>(v[2]) & 0x3Fu);
        else if (c0 >= 0xC0)
            cp = ((c0 & 0x1Fu) << 6) | (static_cast<unsigned char>(v[1]) & 0x3Fu);
        return Value::integer(cp);
    });
    def("id", [](Interpreter& ip, CallArgs& a) -> Value {
        checkArgs(ip, a, "id", 1, 1);
        if (Object* o = a.args[0].asObject())
            return Value::integer(static_cast<std::int64_t>(reinterpret_cast<std::uintptr_t>(o) >> 3));
        return Value::integer(static_cast<std::int64_t>(ip.hash(a.args[0]) >> 1));
    });

    installStrMethods(interp);
    installContainerMethods(interp);
    interp.resetCounters();
}

} // namespace pipelab::py
