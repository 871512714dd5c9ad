// The methods of list, tuple, dict and set.
#include "sim/python/argcheck.h"
#include "sim/python/builtins.h"
#include "sim/python/interpreter.h"
#include "sim/python/iterators.h"

#include <algorithm>

namespace pipelab::py {

namespace {

template <class T>
T* selfAs(Interpreter& ip, CallArgs& a, const char* type, const char* name)
{
    T* o = a.args.empty() ? nullptr : a.args[0].as<T>();
    if (!o)
        ip.raise(ip.types().TypeError, std::string("descriptor '") + name + "' for '" + type +
                                           "' objects doesn't apply to a '" + (a.args.empty() ? "nothing" : ip.typeName(a.args[0])) +
                                           "' object");
    return o;
}

std::int64_t normalizeIndex(std::int64_t i, std::int64_t n)
{
    if (i < 0)
        i = std::max<std::int64_t>(0, i + n);
    return std::min(i, n);
}

[[noreturn]] void raiseKeyError(Interpreter& ip, Value key)
{
    ExceptionObject* e = ip.newException(ip.types().KeyError, "");
    e->args.push_back(key);
    ip.raise(Value(e));
}

void updateDict(Interpreter& ip, DictObject* d, CallArgs& a, std::size_t first)
{
    if (a.args.size() > first) {
        Value src = a.args[first];
        if (auto* other = src.as<DictObject>()) {
            std::vector<HashTable::Entry> entries = other->table.entries();
            for (const auto& e : entries)
                if (e.live)
                    ip.dictSet(d, e.key, e.value);
        } else if (src.asObject() && src.asObject()->objKind() == ObjKind::Other && ip.findAttr(src, "keys")) {
            for (Value k : ip.toVector(ip.callMethod(src, "keys")))
                ip.dictSet(d, k, ip.getItem(src, k));
        } else {
            std::size_t index = 0;
            for (Value item : ip.toVector(src)) {
                std::vector<Value> pair = ip.toVector(item);
                if (pair.size() != 2)
                    ip.raise(ip.types().ValueError, "dictionary update sequence element #" + std::to_string(index) +
                                                        " has length " + std::to_string(pair.size()) + "; 2 is required");
                ip.dictSet(d, pair[0], pair[1]);
                ++index;
            }
        }
    }
    for (const auto& [k, v] : a.kwargs)
        ip.dictSet(d, ip.newStr(k), v);
}

} // namespace

void installContainerMethods(Interpreter& interp)
{
    const Types& t = interp.types();

    // --- list ---
    auto list = [&](const char* name, NativeFn fn) { interp.defineMethod(t.list, name, std::move(fn)); };
    list("append", [](Interpreter& ip, CallArgs& a) -> Value {
        auto* l = selfAs<ListObject>(ip, a, "list", "append");
        checkArgs(ip, a, "list.append", 1, 1, 1);
        l->items.push_back(a.args[1]);
        if ((l->items.size() & 1023) == 0)
            ip.checkCollectionSize(static_cast<std::int64_t>(l->items.size()));
        return {};
    });
    list("extend", [](Interpreter& ip, CallArgs& a) -> Value {
        auto* l = selfAs<ListObject>(ip, a, "list", "extend");
        checkArgs(ip, a, "list.extend", 1, 1, 1);
        std::vector<Value> extra = ip.toVector(a.args[1]);
        l->items.insert(l->items.end(), extra.begin(), extra.end());
        ip.checkCollectionSize(static_cast<std::int64_t>(l->items.size()));
        return {};
    });
    list("insert", [](Interpreter& ip, CallArgs& a) -> Value {
        auto* l = selfAs<ListObject>(ip, a, "list", "insert");
        ip.chargeSize(a.args[0]); // shifts the tail: O(n)
        checkArgs(ip, a, "insert", 2, 2, 1);
        const std::int64_t i = normalizeIndex(ip.expectInt(a.args[1], "index"), static_cast<std::int64_t>(l->items.size()));
        l->items.insert(l->items.begin() + i, a.args[2]);
        ip.checkCollectionSize(static_cast<std::int64_t>(l->items.size()));
        return {};
    });
    list("pop", [](Interpreter& ip, CallArgs& a) -> Value {
        auto* l = selfAs<ListObject>(ip, a, "list", "pop");
        checkArgs(ip, a, "pop", 0, 1, 1);
        if (l->items.empty())
            ip.raise(ip.types().IndexError, "pop from empty list");
        const auto n = static_cast<std::int64_t>(l->items.size());
        std::int64_t i = a.args.size() > 1 ? ip.expectInt(a.args[1], "index") : n - 1;
        if (i < 0)
            i += n;
        if (i < 0 || i >= n)
            ip.raise(ip.types().IndexError, "pop index out of range");
        Value v = l->items[static_cast<std::size_t>(i)];
        l->items.erase(l->items.begin() + i);
        return v;
    });
    list("remove", [](Interpreter& ip, CallArgs& a) -> Value {
        auto* l = selfAs<ListObject>(ip, a, "list", "remove");
        ip.chargeSize(a.args[0]); // scans: O(n)
        checkArgs(ip, a, "list.remove", 1, 1, 1);
        for (std::size_t i = 0; i < l->items.size(); ++i) {
            if (ip.eq(l->items[i], a.args[1])) {
                l->items.erase(l->items.begin() + static_cast<std::ptrdiff_t>(i));
                return {};
            }
        }
        ip.raise(ip.types().ValueError, "list.remove(x): x not in list");
    });
    auto indexImpl = [](const char* type) {
        return [type](Interpreter& ip, CallArgs& a) -> Value {
            const bool isList = std::string_view(type) == "list";
            std::vector<Value>* items = nullptr;
            if (isList) {
                items = &selfAs<ListObject>(ip, a, type, "index")->items;
                ip.chargeSize(a.args[0]); // scans: O(n); a tuple receiver is charged by call()
            } else
                items = &selfAs<TupleObject>(ip, a, type, "index")->items;
            checkArgs(ip, a, "index", 1, 3, 1);
            const auto n = static_cast<std::int64_t>(items->size());
            const std::int64_t start = a.args.size() > 2 ? normalizeIndex(ip.expectInt(a.args[2], "start"), n) : 0;
            const std::int64_t stop = a.args.size() > 3 ? normalizeIndex(ip.expectInt(a.args[3], "stop"), n) : n;
            for (std::int64_t i = start; i < stop; ++i)
                if (ip.eq((*items)[static_cast<std::size_t>(i)], a.args[1]))
                    return Value::integer(i);
            if (isList)
                ip.raise(ip.types().ValueError, ip.repr(a.args[1]) + " is not in list");
            ip.raise(ip.types().ValueError, "tuple.index(x): x not in tuple");
        };
    };
    auto countImpl = [](const char* type) {
        return [type](Interpreter& ip, CallArgs& a) -> Value {
            std::vector<Value>* items = nullptr;
            if (std::string_view(type) == "list") {
                items = &selfAs<ListObject>(ip, a, type, "count")->items;
                ip.chargeSize(a.args[0]); // scans: O(n); a tuple receiver is charged by call()
            } else
                items = &selfAs<TupleObject>(ip, a, type, "count")->items;
            checkArgs(ip, a, "count", 1, 1, 1);
            std::int64_t n = 0;
            for (const Value& v : *items)
                if (ip.eq(v, a.args[1]))
                    ++n;
            return Value::integer(n);
        };
    };
    list("index", indexImpl("list"));
    list("count", countImpl("list"));
    list("sort", [](Interpreter& ip, CallArgs& a) -> Value {
        auto* l = selfAs<ListObject>(ip, a, "list", "sort");
        if (a.args.size() > 1)
            ip.raise(ip.types().TypeError, "sort() takes no positional arguments");
        allowKeywords(ip, a, "sort", {"key", "reverse"});
        const Value* key = a.kwarg("key");
        const Value* reverse = a.kwarg("reverse");
        std::vector<Value> items = l->items;
        ip.sortValues(items, key ? *key : Value(), reverse && ip.truthy(*reverse));
        l->items = std::move(items);
        return {};
    });
    list("reverse", [](Interpreter& ip, CallArgs& a) -> Value {
        auto* l = selfAs<ListObject>(ip, a, "list", "reverse");
        checkArgs(ip, a, "reverse", 0, 0, 1);
        std::reverse(l->items.begin(), l->items.end());
        return {};
    });
    list("copy", [](Interpreter& ip, CallArgs& a) -> Value {
        auto* l = selfAs<ListObject>(ip, a, "list", "copy");
        checkArgs(ip, a, "copy", 0, 0, 1);
        return ip.newList(l->items);
    });
    list("clear", [](Interpreter& ip, CallArgs& a) -> Value {
        auto* l = selfAs<ListObject>(ip, a, "list", "clear");
        checkArgs(ip, a, "clear", 0, 0, 1);
        l->items.clear();
        return {};
    });

    // --- tuple ---
    interp.defineMethod(t.tuple, "index", indexImpl("tuple"));
    interp.defineMethod(t.tuple, "count", countImpl("tuple"));

    // --- dict ---
    auto dict = [&](const char* name, NativeFn fn) { interp.defineMethod(t.dict, name, std::move(fn)); };
    dict("get", [](Interpreter& ip, CallArgs& a) -> Value {
        auto* d = selfAs<DictObject>(ip, a, "dict", "get");
        checkArgs(ip, a, "get", 1, 2, 1);
        if (Value* v = d->table.lookup(ip, a.args[1]))
            return *v;
        return a.args.size() > 2 ? a.args[2] : Value();
    });
    auto view = [](const char* name, HashIterator::Mode mode) {
        return [name, mode](Interpreter& ip, CallArgs& a) -> Value {
            auto* d = selfAs<DictObject>(ip, a, "dict", name);
            checkArgs(ip, a, name, 0, 0, 1);
            ClassObject* cls = mode == HashIterator::Mode::Keys     ? ip.types().dictKeys
                               : mode == HashIterator::Mode::Values ? ip.types().dictValues
                                                                    : ip.types().dictItems;
            return ip.make<DictView>(cls, d, mode);
        };
    };
    dict("keys", view("keys", HashIterator::Mode::Keys));
    dict("values", view("values", HashIterator::Mode::Values));
    dict("items", view("items", HashIterator::Mode::Items));
    dict("pop", [](Interpreter& ip, CallArgs& a) -> Value {
        auto* d = selfAs<DictObject>(ip, a, "dict", "pop");
        checkArgs(ip, a, "pop", 1, 2, 1);
        if (Value* v = d->table.lookup(ip, a.args[1])) {
            Value r = *v;
            d->table.erase(ip, a.args[1]);
            return r;
        }
        if (a.args.size() > 2)
            return a.args[2];
        raiseKeyError(ip, a.args[1]);
    });
    dict("popitem", [](Interpreter& ip, CallArgs& a) -> Value {
        auto* d = selfAs<DictObject>(ip, a, "dict", "popitem");
        checkArgs(ip, a, "popitem", 0, 0, 1);
        const auto& entries = d->table.entries();
        for (std::size_t i = entries.size(); i-- > 0;) {
            if (entries[i].live) {
                Value k = entries[i].key;
                Value v = entries[i].value;
                d->table.erase(ip, k);
                return ip.newTuple({k, v});
            }
        }
        ip.raise(ip.types().KeyError, "popitem(): dictionary is empty");
    });
    dict("setdefault", [](Interpreter& ip, CallArgs& a) -> Value {
        auto* d = selfAs<DictObject>(ip, a, "dict", "setdefault");
        checkArgs(ip, a, "setdefault", 1, 2, 1);
        if (Value* v = d->table.lookup(ip, a.args[1]))
            return *v;
        Value dflt = a.args.size() > 2 ? a.args[2] : Value();
        ip.dictSet(d, a.args[1], dflt);
        return dflt;
    });
    dict("update", [](Interpreter& ip, CallArgs& a) -> Value {
        auto* d = selfAs<DictObject>(ip, a, "dict", "update");
        if (a.args.size() > 2)
            ip.raise(ip.types().TypeError, "update expected at most 1 argument, got " + std::to_string(a.args.size() - 1));
        updateDict(ip, d, a, 1);
        return {};
    });
    dict("copy", [](Interpreter& ip, CallArgs& a) -> Value {
        auto* d = selfAs<DictObject>(ip, a, "dict", "copy");
        checkArgs(ip, a, "copy", 0, 0, 1);
        DictObject* out = ip.newDict();
        for (const auto& e : d->table.entries())
            if (e.live)
                out->table.insert(ip, e.key, e.value);
        return out;
    });
    dict("clear", [](Interpreter& ip, CallArgs& a) -> Value {
        auto* d = selfAs<DictObject>(ip, a, "dict", "clear");
        checkArgs(ip, a, "clear", 0, 0, 1);
        d->table.clear();
        return {};
    });

    // --- set ---
    auto set = [&](const char* name, NativeFn fn) { interp.defineMethod(t.set, name, std::move(fn)); };
    set("add", [](Interpreter& ip, CallArgs& a) -> Value {
        auto* s = selfAs<SetObject>(ip, a, "set", "add");
        checkArgs(ip, a, "set.add", 1, 1, 1);
        s->table.insert(ip, a.args[1], Value());
        ip.checkCollectionSize(static_cast<std::int64_t>(s->table.size()));
        return {};
    });
    set("discard", [](Interpreter& ip, CallArgs& a) -> Value {
        auto* s = selfAs<SetObject>(ip, a, "set", "discard");
        checkArgs(ip, a, "set.discard", 1, 1, 1);
        s->table.erase(ip, a.args[1]);
        return {};
    });
    set("remove", [](Interpreter& ip, CallArgs& a) -> Value {
        auto* s = selfAs<SetObject>(ip, a, "set", "remove");
        checkArgs(ip, a, "set.remove", 1, 1, 1);
        if (!s->table.erase(ip, a.args[1]))
            raiseKeyError(ip, a.args[1]);
        return {};
    });
    set("pop", [](Interpreter& ip, CallArgs& a) -> Value {
        auto* s = selfAs<SetObject>(ip, a, "set", "pop");
        checkArgs(ip, a, "pop", 0, 0, 1);
        for (const auto& e : s->table.entries()) {
            if (e.live) {
                Value k = e.key;
                s->table.erase(ip, k);
                return k;
            }
        }
        ip.raise(ip.types().KeyError, "pop from an empty set");
    });
    set("clear", [](Interpreter& ip, CallArgs& a) -> Value {
        selfAs<SetObject>(ip, a, "set", "clear")->table.clear();
        return {};
    });
    set("copy", [](Interpreter& ip, CallArgs& a) -> Value {
        auto* s = selfAs<SetObject>(ip, a, "set", "copy");
        SetObject* out = ip.newSet();
        for (const auto& e : s->table.entries())
            if (e.live)
                out->table.insert(ip, e.key, Value());
        return out;
    });
    set("update", [](Interpreter& ip, CallArgs& a) -> Value {
        auto* s = selfAs<SetObject>(ip, a, "set", "update");
        for (std::size_t i = 1; i < a.args.size(); ++i)
            for (Value v : ip.toVector(a.args[i]))
                s->table.insert(ip, v, Value());
        ip.checkCollectionSize(static_cast<std::int64_t>(s->table.size()));
        return {};
    });
    auto setOp = [](const char* name, BinaryOp op) {
        return [name, op](Interpreter& ip, CallArgs& a) -> Value {
            Value result = Value(selfAs<SetObject>(ip, a, "set", name));
            SetObject* copy = ip.newSet();
            for (const auto& e : result.as<SetObject>()->table.entries())
                if (e.live)
                    copy->table.insert(ip, e.key, Value());
            result = copy;
            for (std::size_t i = 1; i < a.args.size(); ++i) {
                SetObject* other = a.args[i].as<SetObject>();
                if (!other) {
                    other = ip.newSet();
                    for (Value v : ip.toVector(a.args[i]))
                        other->table.insert(ip, v, Value());
                }
                result = ip.binary(op, result, Value(other));
            }
            return result;
        };
    };
    set("union", setOp("union", BinaryOp::BitOr));
    set("intersection", setOp("intersection", BinaryOp::BitAnd));
    set("difference", setOp("difference", BinaryOp::Sub));
    set("symmetric_difference", setOp("symmetric_difference", BinaryOp::BitXor));
    auto relation = [](const char* name, int kind) {
        return [name, kind](Interpreter& ip, CallArgs& a) -> Value {
            auto* s = selfAs<SetObject>(ip, a, "set", name);
            checkArgs(ip, a, name, 1, 1, 1);
            SetObject* other = a.args[1].as<SetObject>();
            if (!other) {
                other = ip.newSet();
                for (Value v : ip.toVector(a.args[1]))
                    other->table.insert(ip, v, Value());
            }
            auto within = [&](HashTable& x, HashTable& y) {
                for (const auto& e : x.entries())
                    if (e.live && !y.find(ip, e.key))
                        return false;
                return true;
            };
            if (kind == 0)
                return Value::boolean(within(s->table, other->table));
            if (kind == 1)
                return Value::boolean(within(other->table, s->table));
            for (const auto& e : s->table.entries())
                if (e.live && other->table.find(ip, e.key))
                    return Value::boolean(false);
            return Value::boolean(true);
        };
    };
    set("issubset", relation("issubset", 0));
    set("issuperset", relation("issuperset", 1));
    set("isdisjoint", relation("isdisjoint", 2));
}

} // namespace pipelab::py
