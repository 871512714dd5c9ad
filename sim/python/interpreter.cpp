// Interpreter: construction, modules, value factories, exceptions, locations, budgets and the
// garbage collector. The object protocol is in operations.cpp, expressions in eval.cpp,
// statements and calls in exec.cpp, the built-ins in builtins.cpp and the *methods.cpp files.
#include "sim/python/interpreter.h"

#include "sim/python/builtins.h"
#include "sim/python/descriptors.h"
#include "sim/python/parser.h"

namespace pipelab::py {


Interpreter::Interpreter(Budget budget) : budget_(budget)
{
    setupTypes();
    installBuiltins(*this);
}

Interpreter::~Interpreter() = default;

void Interpreter::setupTypes()
{
    auto* type = heap_.make<ClassObject>(nullptr, "type");
    type->setClass(type);
    auto* object = heap_.make<ClassObject>(type, "object");
    object->mro = {object};
    type->bases = {object};
    type->mro = {type, object};
    types_.type = type;
    types_.object = object;
    auto make = [&](const char* name, ClassObject* base) {
        auto* c = heap_.make<ClassObject>(type, name);
        c->bases = {base};
        computeMro(c);
        c->moduleName = "builtins";
        c->pinned = true;
        return c;
    };
    type->pinned = object->pinned = true;
    type->moduleName = object->moduleName = "builtins";
    types_.noneType = make("NoneType", object);
    types_.int_ = make("int", object);
    types_.bool_ = make("bool", types_.int_);
    types_.float_ = make("float", object);
    types_.str = make("str", object);
    types_.list = make("list", object);
    types_.tuple = make("tuple", object);
    types_.dict = make("dict", object);
    types_.set = make("set", object);
    types_.range = make("range", object);
    types_.slice = make("slice", object);
    types_.function = make("function", object);
    types_.builtinFunction = make("builtin_function_or_method", object);
    types_.method = make("method", object);
    types_.module = make("module", object);
    types_.scope = make("scope", object);
    types_.iterator = make("iterator", object);
    types_.dictKeys = make("dict_keys", object);
    types_.dictValues = make("dict_values", object);
    types_.dictItems = make("dict_items", object);
    types_.property = make("property", object);
    types_.staticmethod = make("staticmethod", object);
    types_.classmethod = make("classmethod", object);
    types_.super = make("super", object);
    types_.ellipsis = make("ellipsis", object);
    types_.notImplementedType = make("NotImplementedType", object);
    notImplemented_ = heap_.make<InstanceObject>(types_.notImplementedType);
    notImplemented_.asObject()->pinned = true;
    ellipsis_ = heap_.make<InstanceObject>(types_.ellipsis);
    ellipsis_.asObject()->pinned = true;

    auto exc = [&](const char* name, ClassObject* base) {
        ClassObject* c = make(name, base);
        return c;
    };
    types_.BaseException = exc("BaseException", object);
    types_.BaseException->allocate = [](Interpreter& interp, ClassObject* cls) -> Object* {
        return interp.make<ExceptionObject>(cls);
    };
    types_.Exception = exc("Exception", types_.BaseException);
    types_.ArithmeticError = exc("ArithmeticError", types_.Exception);
    types_.ZeroDivisionError = exc("ZeroDivisionError", types_.ArithmeticError);
    types_.OverflowError = exc("OverflowError", types_.ArithmeticError);
    types_.LookupError = exc("LookupError", types_.Exception);
    types_.KeyError = exc("KeyError", types_.LookupError);
    types_.IndexError = exc("IndexError", types_.LookupError);
    types_.ValueError = exc("ValueError", types_.Exception);
    types_.UnicodeError = exc("UnicodeError", types_.ValueError);
    types_.TypeError = exc("TypeError", types_.Exception);
    types_.AttributeError = exc("AttributeError", types_.Exception);
    types_.NameError = exc("NameError", types_.Exception);
    types_.UnboundLocalError = exc("UnboundLocalError", types_.NameError);
    types_.RuntimeError = exc("RuntimeError", types_.Exception);
    types_.NotImplementedError = exc("NotImplementedError", types_.RuntimeError);
    types_.RecursionError = exc("RecursionError", types_.RuntimeError);
    types_.StopIteration = exc("StopIteration", types_.Exception);
    types_.AssertionError = exc("AssertionError", types_.Exception);
    types_.ImportError = exc("ImportError", types_.Exception);
    types_.ModuleNotFoundError = exc("ModuleNotFoundError", types_.ImportError);

    builtins_ = heap_.make<ModuleObject>(types_.module, "builtins");
    builtins_->kind = "builtins";
    modules_["builtins"] = builtins_;
}

void Interpreter::countAllocation()
{
    if (++counters_.allocations > budget_.maxAllocations)
        budgetExceeded("more than " + std::to_string(budget_.maxAllocations) + " allocations");
}

// --- modules -----------------------------------------------------------------------------------

ModuleObject* Interpreter::newModule(const std::string& name, std::string kind, std::string package)
{
    ModuleObject* m = findModule(name);
    if (!m) {
        m = make<ModuleObject>(types_.module, name);
        m->globals.set("__name__", newStr(name));
        modules_[name] = m;
        const auto dot = name.rfind('.');
        if (dot != std::string::npos) {
            ModuleObject* parent = newModule(name.substr(0, dot));
            parent->globals.set(name.substr(dot + 1), m);
        }
    }
    if (!kind.empty())
        m->kind = std::move(kind);
    else if (m->kind.empty())
        m->kind = name;
    if (!package.empty())
        m->package = std::move(package);
    else if (m->package.empty()) {
        const auto dot = name.rfind('.');
        m->package = dot == std::string::npos ? name : name.substr(0, dot);
    }
    return m;
}

ModuleObject* Interpreter::findModule(std::string_view name) const
{
    auto it = modules_.find(std::string(name));
    return it == modules_.end() ? nullptr : it->second;
}

ModuleObject* Interpreter::importModule(const std::string& name)
{
    if (ModuleObject* m = findModule(name))
        return m;
    if (finder_) {
        if (ModuleObject* m = finder_(*this, name))
            return m;
    }
    ExceptionObject* e = newException(types_.ModuleNotFoundError, "No module named '" + name + "'");
    e->dict.set("name", newStr(name));
    raise(Value(e));
}

void Interpreter::exec(ModuleObject* module, std::unique_ptr<ast::Module> code)
{
    const ast::Module& ref = *code;
    code_.push_back(std::move(code));
    Frame f;
    f.module = module;
    f.locals = &module->globals;
    f.kind = &module->kind;
    FrameGuard guard(*this, f);
    execBlock(ref.body);
}

ModuleObject* Interpreter::runModule(const std::string& name, std::string_view source, Origin origin, std::string kind,
                                     std::string package)
{
    auto code = parse(source, origin, kind);
    ModuleObject* m = newModule(name, std::move(kind), std::move(package));
    exec(m, std::move(code));
    return m;
}

void Interpreter::importInto(ModuleObject* module, const std::string& moduleName, const std::vector<std::string>& names)
{
    ModuleObject* source = importModule(moduleName);
    for (const std::string& n : names) {
        if (n == "*") {
            if (const Value* all = source->globals.find("__all__")) {
                for (Value item : toVector(*all)) {
                    const std::string& key = expectStr(item, "__all__ item");
                    module->globals.set(key, getAttr(source, key));
                }
            } else {
                for (const auto& [k, v] : source->globals.entries())
                    if (!k.empty() && k[0] != '_')
                        module->globals.set(k, v);
            }
            continue;
        }
        if (const Value* v = source->globals.find(n)) {
            module->globals.set(n, *v);
            continue;
        }
        if (ModuleObject* sub = findModule(moduleName + "." + n)) {
            module->globals.set(n, sub);
            continue;
        }
        raise(types_.ImportError, "cannot import name '" + n + "' from '" + moduleName + "'");
    }
}

Value Interpreter::evalExpression(ModuleObject* module, std::string_view source, Origin origin, std::string kind)
{
    auto code = parse(source, origin, kind);
    if (code->body.size() != 1 || code->body[0]->kind != ast::StmtKind::Expr) {
        const int line = code->body.empty() ? origin.line : code->body[0]->line;
        throw SyntaxError("expected a single expression", kind, line, origin.column);
    }
    const ast::Expr& expr = *static_cast<const ast::ExprStmt&>(*code->body[0]).value;
    code_.push_back(std::move(code));
    Frame f;
    f.module = module;
    f.locals = &module->globals;
    f.kind = &module->kind;
    FrameGuard guard(*this, f);
    return eval(expr);
}

// --- factories ---------------------------------------------------------------------------------

Value Interpreter::newStr(std::string value)
{
    checkStringSize(value.size());
    chargeSteps(static_cast<std::int64_t>(value.size() / 16));
    return make<StrObject>(types_.str, std::move(value));
}

ListObject* Interpreter::newList(std::vector<Value> items)
{
    checkCollectionSize(static_cast<std::int64_t>(items.size()));
    chargeSteps(static_cast<std::int64_t>(items.size() / 4));
    return make<ListObject>(types_.list, std::move(items));
}

TupleObject* Interpreter::newTuple(std::vector<Value> items)
{
    checkCollectionSize(static_cast<std::int64_t>(items.size()));
    chargeSteps(static_cast<std::int64_t>(items.size() / 4));
    return make<TupleObject>(types_.tuple, std::move(items));
}

DictObject* Interpreter::newDict()
{
    return make<DictObject>(types_.dict);
}

SetObject* Interpreter::newSet()
{
    return make<SetObject>(types_.set);
}

NativeFunction* Interpreter::newFunction(std::string name, NativeFn fn, std::vector<Value> captured)
{
    return make<NativeFunction>(types_.builtinFunction, std::move(name), std::move(fn), std::move(captured));
}

ClassObject* Interpreter::newClass(const std::string& name, std::vector<ClassObject*> bases, const std::string& moduleName)
{
    auto* c = make<ClassObject>(types_.type, name);
    if (bases.empty())
        bases.push_back(types_.object);
    c->bases = std::move(bases);
    c->qualname = name;
    c->moduleName = moduleName;
    if (!computeMro(c))
        raise(types_.TypeError, "Cannot create a consistent method resolution order (MRO) for bases");
    return c;
}

NativeFunction* Interpreter::defineMethod(ClassObject* cls, const std::string& name, NativeFn fn)
{
    NativeFunction* f = newFunction(name, std::move(fn));
    cls->dict.set(name, f);
    return f;
}

Value Interpreter::newProperty(NativeFn getter, NativeFn setter)
{
    Value g = newFunction("getter", std::move(getter));
    Value s = setter ? Value(newFunction("setter", std::move(setter))) : Value();
    return make<PropertyObject>(types_.property, g, s);
}

ExceptionObject* Interpreter::newException(ClassObject* type, const std::string& message)
{
    const ClassObject::Allocate* alloc = type->findAllocate();
    Object* o = alloc ? (*alloc)(*this, type) : nullptr;
    auto* e = dynamic_cast<ExceptionObject*>(o);
    if (!e)
        e = make<ExceptionObject>(type);
    if (!message.empty())
        e->args.push_back(newStr(message));
    return e;
}

ClassObject* Interpreter::newExceptionClass(const std::string& name, ClassObject* base, const std::string& moduleName)
{
    return newClass(name, {base ? base : types_.Exception}, moduleName);
}

const std::string* Interpreter::strOf(Value v)
{
    auto* s = v.as<StrObject>();
    return s ? &s->value() : nullptr;
}

const std::string& Interpreter::expectStr(Value v, std::string_view what)
{
    if (const std::string* s = strOf(v))
        return *s;
    raise(types_.TypeError, std::string(what) + " must be str, not " + typeName(v));
}

std::int64_t Interpreter::expectInt(Value v, std::string_view what)
{
    if (v.isIntegral())
        return v.asInt();
    raise(types_.TypeError, std::string(what) + " must be int, not " + typeName(v));
}

std::optional<Value> Interpreter::dictGet(DictObject* dict, Value key)
{
    if (Value* v = dict->table.lookup(*this, key))
        return *v;
    return std::nullopt;
}

void Interpreter::dictSet(DictObject* dict, Value key, Value value)
{
    dict->table.insert(*this, key, value);
    checkCollectionSize(static_cast<std::int64_t>(dict->table.size()));
}

// --- exceptions --------------------------------------------------------------------------------

void Interpreter::raise(ClassObject* type, const std::string& message)
{
    raise(Value(newException(type, message)));
}

void Interpreter::raise(Value exceptionOrClass)
{
    Value v = exceptionOrClass;
    if (auto* cls = v.as<ClassObject>()) {
        if (!cls->isSubclassOf(types_.BaseException))
            raise(types_.TypeError, "exceptions must derive from BaseException");
        CallArgs none;
        v = instantiate(cls, none);
    }
    auto* e = dynamic_cast<ExceptionObject*>(v.asObject());
    if (!e)
        raise(types_.TypeError, "exceptions must derive from BaseException");
    if (e->traceback.empty()) {
        const SourceLoc loc = currentLocation();
        if (loc.valid())
            e->traceback.push_back({std::string(loc.kind), loc.line, loc.column});
    }
    if (!handling_.empty() && handling_.back() != e && e->context.isNone())
        e->context = handling_.back();
    std::string what = e->cls()->name;
    if (e->args.size() == 1) {
        if (const std::string* s = strOf(e->args[0]))
            what += ": " + *s;
    }
    throw PyException(e, what);
}

std::string Interpreter::exceptionMessage(ExceptionObject* exc)
{
    Value self(exc);
    if (Value* m = exc->cls()->lookup("__str__"); m && !m->as<NativeFunction>())
        return toStr(self);
    if (exc->args.empty())
        return {};
    if (exc->args.size() == 1) {
        if (exc->cls()->isSubclassOf(types_.KeyError))
            return repr(exc->args[0]);
        return toStr(exc->args[0]);
    }
    return repr(Value(newTuple(exc->args)));
}

ScriptError Interpreter::describe(const PyException& e)
{
    ScriptError err;
    ExceptionObject* exc = e.exception();
    err.category = ScriptError::Category::Exception;
    err.type = exc->cls()->name;
    try {
        err.message = exceptionMessage(exc);
    } catch (const PyException&) {
        err.message = "<exception str() failed>";
    }
    if (!exc->traceback.empty()) {
        err.kind = exc->traceback.front().kind;
        err.line = exc->traceback.front().line;
        err.column = exc->traceback.front().column;
    }
    for (const auto& f : exc->traceback)
        err.traceback.push_back(f.kind + ":" + std::to_string(f.line));
    return err;
}

ScriptError Interpreter::describe(const BudgetExceeded& e)
{
    ScriptError err;
    err.category = ScriptError::Category::Budget;
    err.type = "BudgetExceeded";
    err.message = e.what();
    err.kind = e.kind();
    err.line = e.line();
    err.column = e.column();
    if (e.line() > 0)
        err.traceback.push_back(e.kind() + ":" + std::to_string(e.line()));
    return err;
}

ScriptError Interpreter::describe(const SyntaxError& e)
{
    ScriptError err;
    err.category = ScriptError::Category::Syntax;
    err.type = "SyntaxError";
    err.message = e.message();
    err.kind = e.kind();
    err.line = e.line();
    err.column = e.column();
    return err;
}

std::optional<ScriptError> Interpreter::guard(const std::function<void()>& body)
{
    try {
        body();
    } catch (const PyException& e) {
        return describe(e);
    } catch (const BudgetExceeded& e) {
        return describe(e);
    } catch (const SyntaxError& e) {
        return describe(e);
    }
    return std::nullopt;
}

// --- locations and budgets ---------------------------------------------------------------------

SourceLoc Interpreter::currentLocation() const
{
    for (const Frame* f = frame_; f; f = f->parent)
        if (f->current && f->kind)
            return {*f->kind, f->current->line, f->current->column};
    return {};
}

std::vector<SourceLoc> Interpreter::callStack() const
{
    std::vector<SourceLoc> out;
    for (const Frame* f = frame_; f; f = f->parent)
        if (f->current && f->kind)
            out.push_back({*f->kind, f->current->line, f->current->column});
    return out;
}

std::size_t Interpreter::callDepth() const
{
    std::size_t depth = 0;
    for (const Frame* f = frame_; f; f = f->parent)
        if (f->current && f->kind)
            ++depth;
    return depth;
}

void Interpreter::budgetExceeded(const std::string& reason) const
{
    const SourceLoc loc = currentLocation();
    throw BudgetExceeded(reason, std::string(loc.kind), loc.line, loc.column);
}

void Interpreter::checkCollectionSize(std::int64_t size)
{
    if (size > budget_.maxCollection)
        budgetExceeded("a collection of more than " + std::to_string(budget_.maxCollection) + " elements");
}

void Interpreter::checkStringSize(std::size_t bytes)
{
    if (static_cast<std::int64_t>(bytes) > budget_.maxStringBytes)
        budgetExceeded("a string longer than " + std::to_string(budget_.maxStringBytes) + " bytes");
}

void Interpreter::chargeSteps(std::int64_t steps)
{
    counters_.steps += steps;
    if (counters_.steps > budget_.maxSteps)
        budgetExceeded("more than " + std::to_string(budget_.maxSteps) + " steps (endless loop?)");
}

void Interpreter::chargeSize(Value v)
{
    const Object* o = v.asObject();
    if (!o)
        return;
    switch (o->objKind()) {
    case ObjKind::Str: chargeSteps(static_cast<std::int64_t>(static_cast<const StrObject*>(o)->value().size() / 16)); break;
    case ObjKind::List: chargeSteps(static_cast<std::int64_t>(static_cast<const ListObject*>(o)->items.size() / 4)); break;
    case ObjKind::Tuple: chargeSteps(static_cast<std::int64_t>(static_cast<const TupleObject*>(o)->items.size() / 4)); break;
    default: break;
    }
}

void Interpreter::checkStack()
{
    char probe = 0;
    const auto here = reinterpret_cast<std::uintptr_t>(&probe);
    if (here > stackTop_)
        stackTop_ = here;
    if (stackTop_ - here > budget_.maxStackBytes)
        budgetExceeded("nesting deeper than " + std::to_string(budget_.maxStackBytes) +
                       " bytes of interpreter stack (runaway recursion?)");
}

// --- garbage collection ------------------------------------------------------------------------

std::size_t Interpreter::collectGarbage(std::initializer_list<Value> extraRoots)
{
    if (frame_)
        return 0;
    return heap_.collect([&](Tracer& t) {
        t.visit(static_cast<Object*>(builtins_));
        for (const auto& [name, m] : modules_)
            t.visit(static_cast<Object*>(m));
        for (const Value& v : roots_)
            t.visit(v);
        for (const Value& v : extraRoots)
            t.visit(v);
        for (ExceptionObject* e : handling_)
            t.visit(static_cast<Object*>(e));
    });
}

} // namespace pipelab::py
