// Statement execution, function calls with Python's argument binding, class creation (with the
// native subclass hook) and imports.
#include "sim/python/descriptors.h"
#include "sim/python/interpreter.h"

namespace pipelab::py {

using namespace ast;

namespace {

std::string quotedList(const std::vector<std::string>& names)
{
    std::string out;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0)
            out += names.size() == 2 ? " and " : (i + 1 == names.size() ? ", and " : ", ");
        out += "'" + names[i] + "'";
    }
    return out;
}

} // namespace

Interpreter::Flow Interpreter::execBlock(const Block& block)
{
    for (const auto& s : block) {
        const Flow f = exec(*s);
        if (f != Flow::Normal)
            return f;
    }
    return Flow::Normal;
}

Interpreter::Flow Interpreter::exec(const Stmt& s)
{
    step();
    frame_->current = &s;
    switch (s.kind) {
    case StmtKind::Expr: eval(*static_cast<const ExprStmt&>(s).value); return Flow::Normal;
    case StmtKind::Assign: {
        const auto& a = static_cast<const Assign&>(s);
        Value v = eval(*a.value);
        for (const auto& t : a.targets)
            assign(*t, v);
        return Flow::Normal;
    }
    case StmtKind::AugAssign: {
        const auto& a = static_cast<const AugAssign&>(s);
        switch (a.target->kind) {
        case ExprKind::Name: {
            Value current = loadName(static_cast<const ast::Name&>(*a.target));
            Value rhs = eval(*a.value);
            frame_->current = &s;
            storeName(static_cast<const ast::Name&>(*a.target).id, inplace(a.op, current, rhs));
            break;
        }
        case ExprKind::Attribute: {
            const auto& t = static_cast<const Attribute&>(*a.target);
            Value obj = eval(*t.value);
            frame_->current = &s;
            Value current = getAttr(obj, t.attr);
            Value rhs = eval(*a.value);
            frame_->current = &s;
            setAttr(obj, t.attr, inplace(a.op, current, rhs));
            break;
        }
        case ExprKind::Subscript: {
            const auto& t = static_cast<const Subscript&>(*a.target);
            Value obj = eval(*t.value);
            Value key = eval(*t.index);
            frame_->current = &s;
            Value current = getItem(obj, key);
            Value rhs = eval(*a.value);
            frame_->current = &s;
            setItem(obj, key, inplace(a.op, current, rhs));
            break;
        }
        default: break;
        }
        return Flow::Normal;
    }
    case StmtKind::AnnAssign: {
        const auto& a = static_cast<const AnnAssign&>(s);
        if (a.value)
            assign(*a.target, eval(*a.value));
        return Flow::Normal;
    }
    case StmtKind::FunctionDef: execFunctionDef(static_cast<const FunctionDef&>(s)); return Flow::Normal;
    case StmtKind::ClassDef: execClassDef(static_cast<const ClassDef&>(s)); return Flow::Normal;
    case StmtKind::Return: {
        const auto& r = static_cast<const Return&>(s);
        frame_->returnValue = r.value ? eval(*r.value) : Value();
        return Flow::Return;
    }
    case StmtKind::If: {
        const auto& i = static_cast<const If&>(s);
        return truthy(eval(*i.test)) ? execBlock(i.body) : execBlock(i.orelse);
    }
    case StmtKind::For: return execFor(static_cast<const For&>(s));
    case StmtKind::While: {
        const auto& w = static_cast<const While&>(s);
        while (truthy(eval(*w.test))) {
            const Flow f = execBlock(w.body);
            frame_->current = &s;
            if (f == Flow::Break)
                return Flow::Normal;
            if (f == Flow::Return)
                return f;
        }
        return execBlock(w.orelse);
    }
    case StmtKind::Break: return Flow::Break;
    case StmtKind::Continue: return Flow::Continue;
    case StmtKind::Pass: return Flow::Normal;
    case StmtKind::Raise: execRaise(static_cast<const Raise&>(s)); return Flow::Normal;
    case StmtKind::Try: return execTry(static_cast<const Try&>(s));
    case StmtKind::With: return execWith(static_cast<const With&>(s), 0);
    case StmtKind::Import: execImport(static_cast<const Import&>(s)); return Flow::Normal;
    case StmtKind::ImportFrom: execImportFrom(static_cast<const ImportFrom&>(s)); return Flow::Normal;
    case StmtKind::Global:
    case StmtKind::Nonlocal: return Flow::Normal;
    case StmtKind::Delete:
        for (const auto& t : static_cast<const Delete&>(s).targets)
            deleteTarget(*t);
        return Flow::Normal;
    case StmtKind::Assert: {
        const auto& a = static_cast<const Assert&>(s);
        if (!truthy(eval(*a.test))) {
            ExceptionObject* e = newException(types_.AssertionError, "");
            if (a.msg)
                e->args.push_back(eval(*a.msg));
            frame_->current = &s;
            raise(Value(e));
        }
        return Flow::Normal;
    }
    }
    return Flow::Normal;
}

Interpreter::Flow Interpreter::execFor(const For& f)
{
    Value iterable = eval(*f.iter);
    frame_->current = &f;
    bool broke = false;
    bool returned = false;
    forEach(iterable, [&](Value item) {
        assign(*f.target, item);
        const Flow fl = execBlock(f.body);
        frame_->current = &f;
        if (fl == Flow::Break) {
            broke = true;
            return false;
        }
        if (fl == Flow::Return) {
            returned = true;
            return false;
        }
        step();
        return true;
    });
    if (returned)
        return Flow::Return;
    if (!broke)
        return execBlock(f.orelse);
    return Flow::Normal;
}

void Interpreter::assign(const Expr& target, Value value)
{
    switch (target.kind) {
    case ExprKind::Name: storeName(static_cast<const ast::Name&>(target).id, value); return;
    case ExprKind::Attribute: {
        const auto& a = static_cast<const Attribute&>(target);
        Value obj = eval(*a.value);
        frame_->current = &target;
        setAttr(obj, a.attr, value);
        return;
    }
    case ExprKind::Subscript: {
        const auto& s = static_cast<const Subscript&>(target);
        Value obj = eval(*s.value);
        Value key = eval(*s.index);
        frame_->current = &target;
        setItem(obj, key, value);
        return;
    }
    case ExprKind::Tuple:
    case ExprKind::List: {
        const auto& elements = static_cast<const Sequence&>(target).elements;
        std::vector<Value> items = toVector(value);
        std::size_t starIndex = elements.size();
        for (std::size_t i = 0; i < elements.size(); ++i)
            if (elements[i]->kind == ExprKind::Starred)
                starIndex = i;
        if (starIndex == elements.size()) {
            if (items.size() > elements.size())
                raise(types_.ValueError, "too many values to unpack (expected " + std::to_string(elements.size()) + ")");
            if (items.size() < elements.size())
                raise(types_.ValueError, "not enough values to unpack (expected " + std::to_string(elements.size()) +
                                             ", got " + std::to_string(items.size()) + ")");
            for (std::size_t i = 0; i < elements.size(); ++i)
                assign(*elements[i], items[i]);
            return;
        }
        const std::size_t fixed = elements.size() - 1;
        if (items.size() < fixed)
            raise(types_.ValueError, "not enough values to unpack (expected at least " + std::to_string(fixed) + ", got " +
                                         std::to_string(items.size()) + ")");
        const std::size_t after = elements.size() - starIndex - 1;
        for (std::size_t i = 0; i < starIndex; ++i)
            assign(*elements[i], items[i]);
        std::vector<Value> rest(items.begin() + static_cast<std::ptrdiff_t>(starIndex),
                                items.end() - static_cast<std::ptrdiff_t>(after));
        assign(*static_cast<const Starred&>(*elements[starIndex]).value, newList(std::move(rest)));
        for (std::size_t i = 0; i < after; ++i)
            assign(*elements[starIndex + 1 + i], items[items.size() - after + i]);
        return;
    }
    default: raise(types_.TypeError, "cannot assign to expression");
    }
}

void Interpreter::deleteTarget(const Expr& target)
{
    switch (target.kind) {
    case ExprKind::Name: {
        const std::string& id = static_cast<const ast::Name&>(target).id;
        if (!frame_->locals->erase(id))
            raiseNameError(id);
        return;
    }
    case ExprKind::Attribute: {
        const auto& a = static_cast<const Attribute&>(target);
        delAttr(eval(*a.value), a.attr);
        return;
    }
    case ExprKind::Subscript: {
        const auto& s = static_cast<const Subscript&>(target);
        Value obj = eval(*s.value);
        Value key = eval(*s.index);
        delItem(obj, key);
        return;
    }
    case ExprKind::Tuple:
    case ExprKind::List:
        for (const auto& e : static_cast<const Sequence&>(target).elements)
            deleteTarget(*e);
        return;
    default: raise(types_.TypeError, "cannot delete expression");
    }
}

// --- exceptions --------------------------------------------------------------------------------

struct HandlingGuardImpl {
    HandlingGuardImpl(std::vector<ExceptionObject*>& s, ExceptionObject* e) : stack(s) { stack.push_back(e); }
    ~HandlingGuardImpl() { stack.pop_back(); }
    std::vector<ExceptionObject*>& stack;
};

void Interpreter::execRaise(const Raise& r)
{
    if (!r.exc) {
        if (handling_.empty())
            raise(types_.RuntimeError, "No active exception to reraise");
        ExceptionObject* e = handling_.back();
        throw PyException(e, e->cls()->name);
    }
    Value v = eval(*r.exc);
    if (auto* cls = v.as<ClassObject>()) {
        if (!cls->isSubclassOf(types_.BaseException))
            raise(types_.TypeError, "exceptions must derive from BaseException");
        CallArgs none;
        v = instantiate(cls, none);
    }
    auto* e = dynamic_cast<ExceptionObject*>(v.asObject());
    if (!e)
        raise(types_.TypeError, "exceptions must derive from BaseException");
    if (r.cause) {
        Value cause = eval(*r.cause);
        if (auto* cc = cause.as<ClassObject>()) {
            CallArgs none;
            cause = instantiate(cc, none);
        }
        e->cause = cause;
    }
    frame_->current = &r;
    e->traceback.clear();
    raise(Value(e));
}

Interpreter::Flow Interpreter::execTry(const Try& t)
{
    Flow flow = Flow::Normal;
    std::optional<PyException> pending;
    try {
        bool raised = false;
        try {
            flow = execBlock(t.body);
        } catch (const PyException& e) {
            raised = true;
            ExceptionObject* exc = e.exception();
            const ExceptHandler* handler = nullptr;
            for (const auto& h : t.handlers) {
                if (!h.type) {
                    handler = &h;
                    break;
                }
                frame_->current = &h;
                Value type = eval(*h.type);
                auto matchesType = [&](Value cls) {
                    auto* c = cls.as<ClassObject>();
                    if (!c || !c->isSubclassOf(types_.BaseException))
                        raise(types_.TypeError, "catching classes that do not inherit from BaseException is not allowed");
                    return exc->cls()->isSubclassOf(c);
                };
                bool hit = false;
                if (auto* tuple = type.as<TupleObject>()) {
                    for (const Value& c : tuple->items)
                        hit = hit || matchesType(c);
                } else {
                    hit = matchesType(type);
                }
                if (hit) {
                    handler = &h;
                    break;
                }
            }
            if (!handler)
                throw;
            HandlingGuardImpl handling(handling_, exc);
            if (!handler->name.empty())
                storeName(handler->name, Value(exc));
            flow = execBlock(handler->body);
            if (!handler->name.empty())
                frame_->locals->erase(handler->name);
        }
        if (!raised && flow == Flow::Normal)
            flow = execBlock(t.orelse);
    } catch (const PyException& e) {
        if (t.finalbody.empty())
            throw;
        pending.emplace(e);
    }
    if (!t.finalbody.empty()) {
        std::optional<HandlingGuardImpl> handling;
        if (pending)
            handling.emplace(handling_, pending->exception());
        const Flow f = execBlock(t.finalbody);
        if (f != Flow::Normal)
            return f;
    }
    if (pending)
        throw PyException(*pending);
    return flow;
}

Interpreter::Flow Interpreter::execWith(const With& w, std::size_t item)
{
    if (item >= w.items.size())
        return execBlock(w.body);
    const WithItem& wi = w.items[item];
    Value manager = eval(*wi.context);
    frame_->current = &w;
    Object* o = manager.asObject();
    Value entered;
    bool native = false;
    Value exitMethod;
    if (userDunder(manager, "__enter__") && userDunder(manager, "__exit__")) {
        exitMethod = getAttr(manager, "__exit__");
        entered = callMethod(manager, "__enter__");
    } else if (o) {
        if (auto r = o->enter(*this)) {
            entered = *r;
            native = true;
        } else {
            raise(types_.TypeError, "'" + typeName(manager) + "' object does not support the context manager protocol");
        }
    } else {
        raise(types_.TypeError, "'" + typeName(manager) + "' object does not support the context manager protocol");
    }
    if (wi.target)
        assign(*wi.target, entered);
    Flow flow;
    try {
        flow = execWith(w, item + 1);
    } catch (const PyException& e) {
        ExceptionObject* exc = e.exception();
        bool suppress = false;
        {
            HandlingGuardImpl handling(handling_, exc);
            frame_->current = &w;
            if (native) {
                auto r = o->exit(*this, Value(exc));
                suppress = r && *r;
            } else {
                suppress = truthy(call(exitMethod, {Value(exc->cls()), Value(exc), Value()}));
            }
        }
        if (!suppress)
            throw;
        return Flow::Normal;
    }
    frame_->current = &w;
    if (native)
        o->exit(*this, Value());
    else
        call(exitMethod, {Value(), Value(), Value()});
    return flow;
}

// --- definitions -------------------------------------------------------------------------------

void Interpreter::execFunctionDef(const FunctionDef& d)
{
    std::vector<Value> decorators;
    for (const auto& e : d.decorators)
        decorators.push_back(eval(*e));
    frame_->current = &d;
    Value fn = makeFunction(*d.spec);
    for (auto it = decorators.rbegin(); it != decorators.rend(); ++it)
        fn = call(*it, {fn});
    storeName(d.spec->name, fn);
}

void Interpreter::execClassDef(const ClassDef& c)
{
    std::vector<Value> decorators;
    for (const auto& e : c.decorators)
        decorators.push_back(eval(*e));
    std::vector<ClassObject*> bases;
    for (const auto& b : c.bases) {
        Value v = eval(*b);
        auto* cls = v.as<ClassObject>();
        frame_->current = &c;
        if (!cls)
            raise(types_.TypeError, "class bases must be classes, not " + typeName(v) + " (in class '" + c.name + "')");
        if (cls->construct && !cls->allocate && cls != types_.object)
            raise(types_.TypeError, "subclassing '" + cls->name + "' is not supported in PipeLab scenarios");
        bases.push_back(cls);
    }
    frame_->current = &c;
    if (bases.empty())
        bases.push_back(types_.object);
    auto* cls = make<ClassObject>(types_.type, c.name);
    cls->bases = bases;
    cls->moduleName = frame_->module->name;
    const Frame& outer = *frame_;
    if (outer.qualname && outer.classBody)
        cls->qualname = *outer.qualname + "." + c.name;
    else if (outer.qualname)
        cls->qualname = *outer.qualname + ".<locals>." + c.name;
    else
        cls->qualname = c.name;
    if (!computeMro(cls)) {
        std::string names;
        for (ClassObject* b : bases)
            names += (names.empty() ? "" : ", ") + b->name;
        raise(types_.TypeError, "Cannot create a consistent method resolution order (MRO) for bases " + names);
    }
    {
        Frame f;
        f.module = outer.module;
        f.locals = &cls->dict;
        f.enclosing = outer.scope;
        f.scope = outer.scope;
        f.function = outer.function;
        f.kind = outer.kind;
        f.qualname = &cls->qualname;
        f.classBody = true;
        FrameGuard guard(*this, f);
        execBlock(c.body);
    }
    for (const auto& [name, v] : cls->dict.entries()) {
        Value fnValue = v;
        if (auto* sm = v.as<StaticMethodObject>())
            fnValue = sm->function;
        else if (auto* cm = v.as<ClassMethodObject>())
            fnValue = cm->function;
        else if (auto* p = v.as<PropertyObject>()) {
            if (auto* g = p->getter.as<FunctionObject>())
                g->ownerClass = cls;
            fnValue = p->setter;
        }
        if (auto* fn = fnValue.as<FunctionObject>())
            fn->ownerClass = cls;
    }
    frame_->current = &c;
    for (std::size_t i = 1; i < cls->mro.size(); ++i) {
        if (cls->mro[i]->onSubclassCreated) {
            cls->mro[i]->onSubclassCreated(*this, cls);
            break;
        }
    }
    if (Value* hook = cls->lookup("__init_subclass__"); hook && cls->dict.find("__init_subclass__") != hook) {
        Value h = *hook;
        if (auto* cm = h.as<ClassMethodObject>())
            call(cm->function, {Value(cls)});
    }
    Value result = cls;
    for (auto it = decorators.rbegin(); it != decorators.rend(); ++it)
        result = call(*it, {result});
    storeName(c.name, result);
}

// --- calls -------------------------------------------------------------------------------------

void Interpreter::bindArguments(FunctionObject* fn, CallArgs& args, AttrMap& locals)
{
    const Parameters& p = fn->spec->params;
    const std::string& fname = fn->qualname;
    const std::size_t npos = p.positional.size();
    const std::size_t given = args.args.size();
    for (std::size_t i = 0; i < std::min(given, npos); ++i)
        locals.set(p.positional[i].name, args.args[i]);
    if (given > npos) {
        if (!p.hasVarargs) {
            std::size_t required = 0;
            for (std::size_t i = 0; i < npos; ++i)
                if (!fn->defaults[i])
                    ++required;
            std::string takes = required == npos ? std::to_string(npos)
                                                  : "from " + std::to_string(required) + " to " + std::to_string(npos);
            raise(types_.TypeError, fname + "() takes " + takes + " positional argument" +
                                        (npos == 1 && required == npos ? "" : "s") + " but " + std::to_string(given) +
                                        (given == 1 ? " was" : " were") + " given");
        }
        locals.set(p.varargs.name, newTuple(std::vector<Value>(args.args.begin() + static_cast<std::ptrdiff_t>(npos), args.args.end())));
    } else if (p.hasVarargs) {
        locals.set(p.varargs.name, newTuple());
    }
    DictObject* kw = nullptr;
    if (p.hasVarkw) {
        kw = newDict();
        locals.set(p.varkw.name, kw);
    }
    for (const auto& [name, value] : args.kwargs) {
        bool matched = false;
        for (std::size_t i = 0; i < npos && !matched; ++i) {
            if (p.positional[i].name == name) {
                if (i < given || locals.find(name))
                    raise(types_.TypeError, fname + "() got multiple values for argument '" + name + "'");
                locals.set(name, value);
                matched = true;
            }
        }
        for (std::size_t i = 0; i < p.keywordOnly.size() && !matched; ++i) {
            if (p.keywordOnly[i].name == name) {
                if (locals.find(name))
                    raise(types_.TypeError, fname + "() got multiple values for argument '" + name + "'");
                locals.set(name, value);
                matched = true;
            }
        }
        if (matched)
            continue;
        if (!kw)
            raise(types_.TypeError, fname + "() got an unexpected keyword argument '" + name + "'");
        dictSet(kw, newStr(name), value);
    }
    std::vector<std::string> missing;
    for (std::size_t i = given; i < npos; ++i) {
        const std::string& name = p.positional[i].name;
        if (locals.find(name))
            continue;
        if (fn->defaults[i])
            locals.set(name, *fn->defaults[i]);
        else
            missing.push_back(name);
    }
    if (!missing.empty())
        raise(types_.TypeError, fname + "() missing " + std::to_string(missing.size()) + " required positional argument" +
                                    (missing.size() == 1 ? "" : "s") + ": " + quotedList(missing));
    for (std::size_t i = 0; i < p.keywordOnly.size(); ++i) {
        const std::string& name = p.keywordOnly[i].name;
        if (locals.find(name))
            continue;
        if (fn->kwDefaults[i])
            locals.set(name, *fn->kwDefaults[i]);
        else
            missing.push_back(name);
    }
    if (!missing.empty())
        raise(types_.TypeError, fname + "() missing " + std::to_string(missing.size()) + " required keyword-only argument" +
                                    (missing.size() == 1 ? "" : "s") + ": " + quotedList(missing));
}

Value Interpreter::callFunction(FunctionObject* fn, CallArgs& args)
{
    if (depth_ >= budget_.maxDepth)
        budgetExceeded("more than " + std::to_string(budget_.maxDepth) + " nested calls (runaway recursion?)");
    ScopeObject* scope = make<ScopeObject>(types_.scope, fn->closure);
    bindArguments(fn, args, scope->vars);
    Frame f;
    f.module = fn->module;
    f.locals = &scope->vars;
    f.enclosing = fn->closure;
    f.scope = scope;
    f.spec = fn->spec;
    f.function = fn;
    f.kind = &fn->module->kind;
    f.qualname = &fn->qualname;
    FrameGuard guard(*this, f);
    struct Depth {
        int& d;
        explicit Depth(int& v) : d(v) { ++d; }
        ~Depth() { --d; }
    } depth(depth_);
    try {
        if (fn->spec->lambdaBody)
            return eval(*fn->spec->lambdaBody);
        execBlock(fn->spec->body);
        return f.returnValue;
    } catch (const PyException& e) {
        if (f.parent && f.parent->current && f.parent->kind)
            e.exception()->traceback.push_back({*f.parent->kind, f.parent->current->line, f.parent->current->column});
        throw;
    }
}

Value Interpreter::instantiate(ClassObject* cls, CallArgs& args)
{
    if (const ClassObject::Construct* c = cls->findConstruct())
        return (*c)(*this, cls, args);
    Object* obj = nullptr;
    if (const ClassObject::Allocate* a = cls->findAllocate())
        obj = (*a)(*this, cls);
    else
        obj = make<InstanceObject>(cls);
    if (auto* e = dynamic_cast<ExceptionObject*>(obj))
        e->args = args.args;
    Value self(obj);
    Value* init = cls->lookup("__init__");
    if (init) {
        Value r;
        if (init->as<FunctionObject>() || init->as<NativeFunction>()) {
            args.args.insert(args.args.begin(), self);
            r = call(*init, args);
        } else {
            r = call(bindAttribute(self, *init, cls), args);
        }
        if (!r.isNone())
            raise(types_.TypeError, "__init__() should return None, not '" + typeName(r) + "'");
    } else if (!args.args.empty() || !args.kwargs.empty()) {
        raise(types_.TypeError, cls->name + "() takes no arguments");
    }
    return self;
}

// --- imports -----------------------------------------------------------------------------------

void Interpreter::execImport(const Import& s)
{
    for (const Alias& a : s.names) {
        frame_->current = &a;
        ModuleObject* m = importModule(a.name);
        if (!a.asname.empty()) {
            storeName(a.asname, m);
        } else {
            const std::string top = a.name.substr(0, a.name.find('.'));
            storeName(top, importModule(top));
        }
    }
}

void Interpreter::execImportFrom(const ImportFrom& s)
{
    std::string base;
    if (s.level > 0) {
        std::string pkg = frame_->module->package;
        if (pkg.empty())
            raise(types_.ImportError, "attempted relative import with no known parent package");
        for (int i = 1; i < s.level; ++i) {
            const auto dot = pkg.rfind('.');
            if (dot == std::string::npos)
                raise(types_.ImportError, "attempted relative import beyond top-level package");
            pkg = pkg.substr(0, dot);
        }
        base = s.module.empty() ? pkg : pkg + "." + s.module;
    } else {
        base = s.module;
    }
    ModuleObject* m = importModule(base);
    for (const Alias& a : s.names) {
        frame_->current = &a;
        if (a.name == "*") {
            if (const Value* all = m->globals.find("__all__")) {
                for (Value item : toVector(*all)) {
                    const std::string& key = expectStr(item, "__all__ item");
                    storeName(key, getAttr(m, key));
                }
            } else {
                for (const auto& [k, v] : m->globals.entries())
                    if (!k.empty() && k[0] != '_')
                        storeName(k, v);
            }
            continue;
        }
        Value value;
        if (const Value* v = m->globals.find(a.name)) {
            value = *v;
        } else {
            ModuleObject* sub = findModule(base + "." + a.name);
            if (!sub) {
                try {
                    sub = importModule(base + "." + a.name);
                } catch (const PyException& e) {
                    if (!matches(e, types_.ModuleNotFoundError))
                        throw;
                    raise(types_.ImportError, "cannot import name '" + a.name + "' from '" + base + "'");
                }
            }
            value = sub;
        }
        storeName(a.asname.empty() ? a.name : a.asname, value);
    }
}

} // namespace pipelab::py
