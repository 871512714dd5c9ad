// Expression evaluation: one step of the step budget per node, and the innermost call, attribute
// or subscript recorded as the frame's current node so native code can attribute its work
// (a SQL query, say) to the line that caused it.
#include "sim/python/interpreter.h"
#include "sim/python/iterators.h"

namespace pipelab::py {

using namespace ast;

Value Interpreter::eval(const Expr& e)
{
    step();
    switch (e.kind) {
    case ExprKind::Name: return loadName(static_cast<const Name&>(e));
    case ExprKind::Constant: return evalConstant(static_cast<const Constant&>(e));
    case ExprKind::FString: return evalFString(static_cast<const FString&>(e));
    case ExprKind::List:
    case ExprKind::Tuple:
    case ExprKind::Set: return evalSequence(static_cast<const Sequence&>(e));
    case ExprKind::Dict: return evalDict(static_cast<const Dict&>(e));
    case ExprKind::Comprehension: return evalComprehension(static_cast<const Comprehension&>(e));
    case ExprKind::Attribute: {
        const auto& a = static_cast<const Attribute&>(e);
        Value obj = eval(*a.value);
        frame_->current = &e;
        return getAttr(obj, a.attr);
    }
    case ExprKind::Subscript: return evalSubscript(static_cast<const Subscript&>(e));
    case ExprKind::Slice: {
        const auto& s = static_cast<const Slice&>(e);
        Value lower = s.lower ? eval(*s.lower) : Value();
        Value upper = s.upper ? eval(*s.upper) : Value();
        Value stepValue = s.step ? eval(*s.step) : Value();
        return make<SliceObject>(types_.slice, lower, upper, stepValue);
    }
    case ExprKind::Call: return evalCall(static_cast<const Call&>(e));
    case ExprKind::Binary: {
        const auto& b = static_cast<const Binary&>(e);
        Value left = eval(*b.left);
        Value right = eval(*b.right);
        if (left.isInt() && right.isInt() && (b.op == BinaryOp::Add || b.op == BinaryOp::Sub)) {
            std::int64_t r = 0;
            const bool overflow = b.op == BinaryOp::Add ? __builtin_add_overflow(left.asInt(), right.asInt(), &r)
                                                        : __builtin_sub_overflow(left.asInt(), right.asInt(), &r);
            if (!overflow)
                return Value::integer(r);
        }
        frame_->current = &e;
        return binary(b.op, left, right);
    }
    case ExprKind::Unary: {
        const auto& u = static_cast<const Unary&>(e);
        Value v = eval(*u.operand);
        if (u.op != UnaryOp::Not)
            frame_->current = &e;
        return unary(u.op, v);
    }
    case ExprKind::BoolOp: {
        const auto& b = static_cast<const BoolOp&>(e);
        Value v;
        for (const auto& operand : b.values) {
            v = eval(*operand);
            if (truthy(v) != b.isAnd)
                return v;
        }
        return v;
    }
    case ExprKind::Compare: return evalCompare(static_cast<const Compare&>(e));
    case ExprKind::IfExp: {
        const auto& i = static_cast<const IfExp&>(e);
        return truthy(eval(*i.test)) ? eval(*i.body) : eval(*i.orelse);
    }
    case ExprKind::Lambda: return makeFunction(*static_cast<const Lambda&>(e).spec);
    case ExprKind::Starred: frame_->current = &e; raise(types_.TypeError, "can't use starred expression here");
    case ExprKind::NamedExpr: {
        const auto& n = static_cast<const NamedExpr&>(e);
        Value v = eval(*n.value);
        storeName(n.target, v);
        return v;
    }
    }
    return {};
}

Value Interpreter::evalConstant(const Constant& c)
{
    switch (c.type) {
    case Constant::Type::None: return {};
    case Constant::Type::True: return Value::boolean(true);
    case Constant::Type::False: return Value::boolean(false);
    case Constant::Type::Int: return Value::integer(c.intValue);
    case Constant::Type::Float: return Value::real(c.floatValue);
    case Constant::Type::Ellipsis: return ellipsis_;
    case Constant::Type::Str:
        if (c.cached.isNone()) {
            Value s = newStr(c.strValue);
            s.asObject()->pinned = true;
            c.cached = s;
        }
        return c.cached;
    }
    return {};
}

Value Interpreter::loadName(const Name& n)
{
    const std::string& id = n.id;
    Frame& f = *frame_;
    if (f.spec && !f.spec->globals.empty()) {
        for (const auto& g : f.spec->globals) {
            if (g == id) {
                if (Value* v = f.module->globals.find(id))
                    return *v;
                if (Value* v = builtins_->globals.find(id))
                    return *v;
                frame_->current = &n;
                raiseNameError(id);
            }
        }
    }
    if (Value* v = f.locals->find(id))
        return *v;
    for (ScopeObject* s = f.enclosing; s; s = s->parent)
        if (Value* v = s->vars.find(id))
            return *v;
    if (f.locals != &f.module->globals) {
        if (Value* v = f.module->globals.find(id))
            return *v;
    }
    if (Value* v = builtins_->globals.find(id))
        return *v;
    frame_->current = &n;
    raiseNameError(id);
}

void Interpreter::raiseNameError(const std::string& name)
{
    ExceptionObject* e = newException(types_.NameError, "name '" + name + "' is not defined");
    e->dict.set("name", newStr(name));
    raise(Value(e));
}

void Interpreter::storeName(const std::string& name, Value value)
{
    Frame& f = *frame_;
    if (f.spec) {
        for (const auto& g : f.spec->globals) {
            if (g == name) {
                f.module->globals.set(name, value);
                return;
            }
        }
        for (const auto& nl : f.spec->nonlocals) {
            if (nl == name) {
                for (ScopeObject* s = f.enclosing; s; s = s->parent) {
                    if (Value* v = s->vars.find(name)) {
                        *v = value;
                        return;
                    }
                }
                if (f.enclosing) {
                    f.enclosing->vars.set(name, value);
                    return;
                }
            }
        }
    }
    f.locals->set(name, value);
}

void Interpreter::collectArgs(const std::vector<ExprPtr>& args, const std::vector<Keyword>& keywords, CallArgs& out)
{
    for (const auto& a : args) {
        if (a->kind == ExprKind::Starred) {
            Value seq = eval(*static_cast<const Starred&>(*a).value);
            std::vector<Value> items = toVector(seq);
            out.args.insert(out.args.end(), items.begin(), items.end());
        } else {
            out.args.push_back(eval(*a));
        }
    }
    for (const auto& k : keywords) {
        Value v = eval(*k.value);
        if (!k.name.empty()) {
            out.kwargs.emplace_back(k.name, v);
            continue;
        }
        auto addKeyword = [&](Value key, Value value) {
            const std::string* name = strOf(key);
            if (!name)
                raise(types_.TypeError, "keywords must be strings");
            for (const auto& existing : out.kwargs)
                if (existing.first == *name)
                    raise(types_.TypeError, "got multiple values for keyword argument '" + *name + "'");
            out.kwargs.emplace_back(*name, value);
        };
        if (auto* d = v.as<DictObject>()) {
            for (const auto& e : d->table.entries())
                if (e.live)
                    addKeyword(e.key, e.value);
        } else {
            Value keys = callMethod(v, "keys");
            for (Value key : toVector(keys))
                addKeyword(key, getItem(v, key));
        }
    }
}

Value Interpreter::evalCall(const Call& c)
{
    CallArgs args;
    Value callee;
    if (c.func->kind == ExprKind::Attribute) {
        const auto& a = static_cast<const Attribute&>(*c.func);
        Value obj = eval(*a.value);
        frame_->current = &c;
        auto [fn, self] = lookupMethod(obj, a.attr);
        callee = fn;
        if (self)
            args.args.push_back(*self);
    } else {
        callee = eval(*c.func);
    }
    collectArgs(c.args, c.keywords, args);
    frame_->current = &c;
    return call(callee, args);
}

Value Interpreter::evalSequence(const Sequence& s)
{
    std::vector<Value> items;
    items.reserve(s.elements.size());
    for (const auto& e : s.elements) {
        if (e->kind == ExprKind::Starred) {
            std::vector<Value> more = toVector(eval(*static_cast<const Starred&>(*e).value));
            items.insert(items.end(), more.begin(), more.end());
        } else {
            items.push_back(eval(*e));
        }
    }
    if (s.kind == ExprKind::List)
        return newList(std::move(items));
    if (s.kind == ExprKind::Tuple)
        return newTuple(std::move(items));
    SetObject* set = newSet();
    frame_->current = &s;
    for (const Value& v : items)
        set->table.insert(*this, v, Value());
    return set;
}

Value Interpreter::evalDict(const Dict& d)
{
    DictObject* dict = newDict();
    for (std::size_t i = 0; i < d.keys.size(); ++i) {
        if (!d.keys[i]) {
            Value mapping = eval(*d.values[i]);
            if (auto* other = mapping.as<DictObject>()) {
                for (const auto& e : other->table.entries())
                    if (e.live)
                        dictSet(dict, e.key, e.value);
            } else {
                for (Value key : toVector(callMethod(mapping, "keys")))
                    dictSet(dict, key, getItem(mapping, key));
            }
            continue;
        }
        Value key = eval(*d.keys[i]);
        Value value = eval(*d.values[i]);
        frame_->current = &d;
        dictSet(dict, key, value);
    }
    return dict;
}

Value Interpreter::evalSubscript(const Subscript& s)
{
    Value obj = eval(*s.value);
    Value key = eval(*s.index);
    frame_->current = &s;
    return getItem(obj, key);
}

Value Interpreter::evalCompare(const Compare& c)
{
    Value left = eval(*c.left);
    for (std::size_t i = 0; i < c.ops.size(); ++i) {
        Value right = eval(*c.comparators[i]);
        frame_->current = &c;
        Value r = compare(c.ops[i], left, right);
        if (i + 1 == c.ops.size())
            return r;
        if (!truthy(r))
            return r;
        left = right;
    }
    return Value::boolean(true);
}

void Interpreter::comprehensionLoop(const Comprehension& c, std::size_t level, Value iterable, std::vector<Value>& out,
                                    DictObject* dict)
{
    const CompFor& g = c.generators[level];
    forEach(iterable, [&](Value item) {
        assign(*g.target, item);
        for (const auto& cond : g.ifs)
            if (!truthy(eval(*cond)))
                return true;
        if (level + 1 < c.generators.size()) {
            comprehensionLoop(c, level + 1, eval(*c.generators[level + 1].iter), out, dict);
            return true;
        }
        if (dict) {
            Value key = eval(*c.element);
            Value value = eval(*c.value);
            dictSet(dict, key, value);
        } else {
            out.push_back(eval(*c.element));
            if ((out.size() & 255) == 0)
                checkCollectionSize(static_cast<std::int64_t>(out.size()));
        }
        return true;
    });
}

// Comprehensions run in their own scope, as in Python 3; the first iterable is evaluated in the
// enclosing scope. Generator expressions are evaluated eagerly into an iterator over a list:
// scenario code cannot observe the difference (there are no side-effecting infinite generators
// without `yield`), except that an exception inside one surfaces where it is written.
Value Interpreter::evalComprehension(const Comprehension& c)
{
    Frame& f = *frame_;
    Value first = eval(*c.generators[0].iter);
    ScopeObject* scope = make<ScopeObject>(types_.scope, f.scope);
    struct Restore {
        Frame& f;
        AttrMap* locals;
        ScopeObject* enclosing;
        ScopeObject* scope;
        const ast::FunctionSpec* spec;
        ~Restore()
        {
            f.locals = locals;
            f.enclosing = enclosing;
            f.scope = scope;
            f.spec = spec;
        }
    } restore{f, f.locals, f.enclosing, f.scope, f.spec};
    f.locals = &scope->vars;
    f.enclosing = scope->parent;
    f.scope = scope;
    f.spec = nullptr;
    std::vector<Value> out;
    DictObject* dict = c.type == Comprehension::Type::Dict ? newDict() : nullptr;
    comprehensionLoop(c, 0, first, out, dict);
    switch (c.type) {
    case Comprehension::Type::List: return newList(std::move(out));
    case Comprehension::Type::Dict: return dict;
    case Comprehension::Type::Set: {
        SetObject* set = newSet();
        for (const Value& v : out)
            set->table.insert(*this, v, Value());
        return set;
    }
    case Comprehension::Type::Generator:
        checkCollectionSize(static_cast<std::int64_t>(out.size()));
        return make<ValuesIterator>(types_.iterator, std::move(out));
    }
    return {};
}

Value Interpreter::evalFString(const FString& f)
{
    std::string out;
    for (const auto& part : f.parts) {
        if (!part.expr) {
            out += part.literal;
            continue;
        }
        out += part.selfDocument;
        Value v = eval(*part.expr);
        frame_->current = &f;
        if (part.conversion == 'r' || part.conversion == 'a')
            v = newStr(repr(v));
        else if (part.conversion == 's')
            v = newStr(toStr(v));
        std::string spec;
        if (part.spec) {
            Value s = evalFString(*part.spec);
            spec = *strOf(s);
        }
        out += spec.empty() && strOf(v) ? *strOf(v) : (spec.empty() ? toStr(v) : format(v, spec));
        checkStringSize(out.size());
    }
    return newStr(std::move(out));
}

FunctionObject* Interpreter::makeFunction(const FunctionSpec& spec)
{
    Frame& f = *frame_;
    auto* fn = make<FunctionObject>(types_.function, &spec);
    fn->name = spec.name;
    if (f.qualname && f.classBody)
        fn->qualname = *f.qualname + "." + spec.name;
    else if (f.qualname)
        fn->qualname = *f.qualname + ".<locals>." + spec.name;
    else
        fn->qualname = spec.name;
    fn->module = f.module;
    fn->closure = f.scope;
    fn->defaults.reserve(spec.params.positional.size());
    for (const auto& p : spec.params.positional)
        fn->defaults.push_back(p.defaultValue ? std::optional<Value>(eval(*p.defaultValue)) : std::nullopt);
    for (const auto& p : spec.params.keywordOnly)
        fn->kwDefaults.push_back(p.defaultValue ? std::optional<Value>(eval(*p.defaultValue)) : std::nullopt);
    return fn;
}

} // namespace pipelab::py
