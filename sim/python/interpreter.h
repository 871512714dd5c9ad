// Interpreter: runs parsed scenario modules by walking their AST, and is the embedding API for
// native code (the Django layer, the template engine). It owns the heap, the module registry,
// the built-in classes and functions, the per-run budgets and the captured print() output.
//
// Errors reach the embedder as three C++ exception types:
//   PyException     a Python exception escaped (user code or native code raised it)
//   BudgetExceeded  a budget was crossed; user code cannot catch it
//   SyntaxError     parsing failed
// guard() turns any of them into a ScriptError with type, message and YAML position.
#pragma once

#include "sim/python/ast.h"
#include "sim/python/budget.h"
#include "sim/python/callargs.h"
#include "sim/python/classobject.h"
#include "sim/python/containers.h"
#include "sim/python/exception.h"
#include "sim/python/function.h"
#include "sim/python/heap.h"
#include "sim/python/instance.h"
#include "sim/python/module.h"
#include "sim/python/parser.h"
#include "sim/python/sourceloc.h"
#include "sim/python/strobject.h"
#include "sim/python/syntaxerror.h"

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace pipelab::py {

// The built-in classes, for isinstance checks and raising.
struct Types {
    ClassObject* type = nullptr;
    ClassObject* object = nullptr;
    ClassObject* noneType = nullptr;
    ClassObject* bool_ = nullptr;
    ClassObject* int_ = nullptr;
    ClassObject* float_ = nullptr;
    ClassObject* str = nullptr;
    ClassObject* list = nullptr;
    ClassObject* tuple = nullptr;
    ClassObject* dict = nullptr;
    ClassObject* set = nullptr;
    ClassObject* range = nullptr;
    ClassObject* slice = nullptr;
    ClassObject* function = nullptr;
    ClassObject* builtinFunction = nullptr;
    ClassObject* method = nullptr;
    ClassObject* module = nullptr;
    ClassObject* scope = nullptr;
    ClassObject* iterator = nullptr;
    ClassObject* dictKeys = nullptr;
    ClassObject* dictValues = nullptr;
    ClassObject* dictItems = nullptr;
    ClassObject* property = nullptr;
    ClassObject* staticmethod = nullptr;
    ClassObject* classmethod = nullptr;
    ClassObject* super = nullptr;
    ClassObject* ellipsis = nullptr;
    ClassObject* notImplementedType = nullptr;
    // exceptions
    ClassObject* BaseException = nullptr;
    ClassObject* Exception = nullptr;
    ClassObject* ArithmeticError = nullptr;
    ClassObject* ZeroDivisionError = nullptr;
    ClassObject* OverflowError = nullptr;
    ClassObject* LookupError = nullptr;
    ClassObject* KeyError = nullptr;
    ClassObject* IndexError = nullptr;
    ClassObject* ValueError = nullptr;
    ClassObject* TypeError = nullptr;
    ClassObject* AttributeError = nullptr;
    ClassObject* NameError = nullptr;
    ClassObject* UnboundLocalError = nullptr;
    ClassObject* RuntimeError = nullptr;
    ClassObject* NotImplementedError = nullptr;
    ClassObject* RecursionError = nullptr;
    ClassObject* StopIteration = nullptr;
    ClassObject* AssertionError = nullptr;
    ClassObject* ImportError = nullptr;
    ClassObject* ModuleNotFoundError = nullptr;
    ClassObject* UnicodeError = nullptr;
};

// An error as the scenario layer reports it.
struct ScriptError {
    enum class Category { Exception, Budget, Syntax };
    Category category = Category::Exception;
    std::string type;    // "ZeroDivisionError", "BudgetExceeded", "SyntaxError"
    std::string message; // "division by zero"
    std::string kind;    // module label, "views"
    int line = 0;        // YAML line (0: unknown)
    int column = 0;
    std::vector<std::string> traceback; // "views:12" where raised, then the calls outwards

    // "ZeroDivisionError: division by zero"
    std::string describe() const { return message.empty() ? type : type + ": " + message; }
};

struct RunCounters {
    std::int64_t steps = 0;
    std::int64_t allocations = 0;
};

class Interpreter {
public:
    using ModuleFinder = std::function<ModuleObject*(Interpreter&, const std::string& name)>;

    explicit Interpreter(Budget budget = {});
    ~Interpreter();
    Interpreter(const Interpreter&) = delete;
    Interpreter& operator=(const Interpreter&) = delete;

    // --- modules and code ------------------------------------------------------------------
    // Creates and registers a module (parent packages are created as empty modules when missing).
    // kind labels source locations ("views"); package anchors relative imports ("shop").
    ModuleObject* newModule(const std::string& name, std::string kind = {}, std::string package = {});
    // The registered module, or nullptr.
    ModuleObject* findModule(std::string_view name) const;
    // Imports (finding it with the module finder if needed); raises ModuleNotFoundError.
    ModuleObject* importModule(const std::string& name);
    // Called for an import of a module that is not registered; return nullptr when unknown.
    void setModuleFinder(ModuleFinder finder) { finder_ = std::move(finder); }
    // Runs a parsed module in `module`'s namespace; the interpreter keeps the AST.
    void exec(ModuleObject* module, std::unique_ptr<ast::Module> code);
    // Parses and runs source as module `name` (created when missing). Throws SyntaxError too.
    ModuleObject* runModule(const std::string& name, std::string_view source, Origin origin, std::string kind,
                            std::string package = {});
    // `from moduleName import names...` (or {"*"}) into module's globals: the prelude.
    void importInto(ModuleObject* module, const std::string& moduleName, const std::vector<std::string>& names);
    // Evaluates one expression (no statements) in module's namespace; the AST is kept.
    Value evalExpression(ModuleObject* module, std::string_view source, Origin origin = {}, std::string kind = "eval");
    ModuleObject* builtinsModule() const { return builtins_; }
    // Python's NotImplemented (user binary dunders return it to decline).
    Value notImplemented() const { return notImplemented_; }

    // --- creating values -------------------------------------------------------------------
    template <class T, class... Args>
    T* make(Args&&... args)
    {
        countAllocation();
        return heap_.make<T>(std::forward<Args>(args)...);
    }
    Value newStr(std::string value);
    ListObject* newList(std::vector<Value> items = {});
    TupleObject* newTuple(std::vector<Value> items = {});
    DictObject* newDict();
    SetObject* newSet();
    NativeFunction* newFunction(std::string name, NativeFn fn, std::vector<Value> captured = {});
    // A native class (bases default to object). Set its hooks and dict afterwards.
    ClassObject* newClass(const std::string& name, std::vector<ClassObject*> bases = {},
                          const std::string& moduleName = "builtins");
    // cls.name = native function (self is args[0]).
    NativeFunction* defineMethod(ClassObject* cls, const std::string& name, NativeFn fn);
    // A property whose getter (and optional setter) are native: getter gets (self), setter (self, value).
    Value newProperty(NativeFn getter, NativeFn setter = {});
    ExceptionObject* newException(ClassObject* type, const std::string& message);
    ClassObject* newExceptionClass(const std::string& name, ClassObject* base, const std::string& moduleName);

    // --- reading values ----------------------------------------------------------------------
    const Types& types() const { return types_; }
    ClassObject* typeOf(Value v) const;
    std::string typeName(Value v) const { return typeOf(v)->name; }
    bool isInstance(Value v, const ClassObject* cls) const { return typeOf(v)->isSubclassOf(cls); }
    // The string of a str value, or nullptr.
    static const std::string* strOf(Value v);
    // The string, or TypeError "<what> must be str, not 'int'".
    const std::string& expectStr(Value v, std::string_view what);
    std::int64_t expectInt(Value v, std::string_view what);

    // --- the object protocol (everything raises PyException like Python would) -----------------
    Value getAttr(Value obj, std::string_view name);
    std::optional<Value> findAttr(Value obj, std::string_view name); // nullopt when missing
    bool hasAttr(Value obj, std::string_view name);
    void setAttr(Value obj, std::string_view name, Value value);
    void delAttr(Value obj, std::string_view name);
    Value call(Value callable, CallArgs& args);
    Value call(Value callable, std::vector<Value> args = {}, std::vector<std::pair<std::string, Value>> kwargs = {});
    Value callMethod(Value obj, std::string_view name, std::vector<Value> args = {},
                     std::vector<std::pair<std::string, Value>> kwargs = {});
    bool isCallable(Value v);
    Value getItem(Value obj, Value key);
    void setItem(Value obj, Value key, Value value);
    void delItem(Value obj, Value key);
    bool contains(Value container, Value item);
    bool truthy(Value v);
    std::string repr(Value v);
    std::string toStr(Value v);
    // format(value, spec)
    std::string format(Value v, std::string_view spec);
    bool eq(Value a, Value b);
    Value compare(CompareOp op, Value a, Value b);
    bool lessThan(Value a, Value b);
    std::size_t hash(Value v);
    std::int64_t len(Value v);
    Value binary(BinaryOp op, Value a, Value b);
    Value unary(UnaryOp op, Value v);
    // iter(x) and next(it) (nullopt when exhausted).
    Value iter(Value iterable);
    std::optional<Value> next(Value iterator);
    // Calls fn for each item until it returns false.
    void forEach(Value iterable, const std::function<bool(Value)>& fn);
    std::vector<Value> toVector(Value iterable);

    // dict helpers
    std::optional<Value> dictGet(DictObject* dict, Value key);
    void dictSet(DictObject* dict, Value key, Value value);

    // --- exceptions --------------------------------------------------------------------------
    [[noreturn]] void raise(ClassObject* type, const std::string& message);
    // Raises an exception instance, or instantiates and raises an exception class.
    [[noreturn]] void raise(Value exceptionOrClass);
    bool matches(const PyException& e, const ClassObject* type) const
    {
        return e.exception()->cls()->isSubclassOf(type);
    }
    // The exception's message as str(exc) gives it.
    std::string exceptionMessage(ExceptionObject* exc);
    // Runs body; converts PyException, BudgetExceeded and SyntaxError into a ScriptError.
    std::optional<ScriptError> guard(const std::function<void()>& body);
    ScriptError describe(const PyException& e);
    static ScriptError describe(const BudgetExceeded& e);
    static ScriptError describe(const SyntaxError& e);

    // --- source locations --------------------------------------------------------------------
    // The innermost statement or call being executed in scenario code ({} when none).
    SourceLoc currentLocation() const;
    // Innermost first.
    std::vector<SourceLoc> callStack() const;
    // How many scenario-code frames are executing (callStack().size() without building it).
    std::size_t callDepth() const;

    // --- budgets and output ------------------------------------------------------------------
    void setBudget(const Budget& budget) { budget_ = budget; }
    const Budget& budget() const { return budget_; }
    // Starts a new run: step and allocation counters back to zero.
    void resetCounters() { counters_ = {}; }
    const RunCounters& counters() const { return counters_; }
    // Checks a size about to be created against maxCollection (used by native code too).
    void checkCollectionSize(std::int64_t size);
    void checkStringSize(std::size_t bytes);
    // Native work proportional to the data it touches, charged as steps (a str: one per 16 bytes;
    // a list or tuple: one per 4 elements), so a loop that copies or scans a 10 MiB string ends
    // on the step budget instead of running for hours.
    void chargeSteps(std::int64_t steps);
    void chargeSize(Value v);
    const std::string& output() const { return output_; }
    std::string takeOutput() { return std::exchange(output_, {}); }
    void write(std::string_view text) { output_ += text; }

    // --- memory ------------------------------------------------------------------------------
    std::size_t heapSize() const { return heap_.size(); }
    void addRoot(Value v) { roots_.push_back(v); }
    // Frees unreachable objects. Roots: modules, builtins, addRoot() values and extraRoots.
    // Does nothing while scenario code is running.
    std::size_t collectGarbage(std::initializer_list<Value> extraRoots = {});

    // Used by the builtin method tables: sort in place with key/reverse (Python's stable sort).
    void sortValues(std::vector<Value>& items, Value key, bool reverse);
    // Slice resolution: Python's slice.indices(length).
    void sliceIndices(SliceObject* slice, std::int64_t length, std::int64_t& start, std::int64_t& stop,
                      std::int64_t& step);
    [[noreturn]] void budgetExceeded(const std::string& reason) const;
    void checkStack();

private:
    enum class Flow { Normal, Return, Break, Continue };

    struct Frame {
        Frame* parent = nullptr;
        ModuleObject* module = nullptr;
        AttrMap* locals = nullptr;
        ScopeObject* enclosing = nullptr; // searched after locals
        ScopeObject* scope = nullptr;     // captured by closures created here
        const ast::FunctionSpec* spec = nullptr;
        FunctionObject* function = nullptr;
        const std::string* qualname = nullptr; // of the function or class whose body runs
        bool classBody = false;
        const ast::Node* current = nullptr;
        const std::string* kind = nullptr;
        Value returnValue;
    };
    struct FrameGuard {
        FrameGuard(Interpreter& i, Frame& f) : interp(i)
        {
            f.parent = interp.frame_;
            interp.frame_ = &f;
        }
        ~FrameGuard() { interp.frame_ = interp.frame_->parent; }
        FrameGuard(const FrameGuard&) = delete;
        FrameGuard& operator=(const FrameGuard&) = delete;
        Interpreter& interp;
    };

    friend void installBuiltins(Interpreter& interp);

    void setupTypes();
    void countAllocation();
    void step()
    {
        if (++counters_.steps > budget_.maxSteps)
            budgetExceeded("more than " + std::to_string(budget_.maxSteps) + " steps (endless loop?)");
    }

    // statements
    Flow execBlock(const ast::Block& block);
    Flow exec(const ast::Stmt& stmt);
    Flow execTry(const ast::Try& t);
    Flow execWith(const ast::With& w, std::size_t item);
    Flow execFor(const ast::For& f);
    void execClassDef(const ast::ClassDef& c);
    void execFunctionDef(const ast::FunctionDef& d);
    void execImport(const ast::Import& s);
    void execImportFrom(const ast::ImportFrom& s);
    void execRaise(const ast::Raise& r);
    void assign(const ast::Expr& target, Value value);
    void deleteTarget(const ast::Expr& target);
    void storeName(const std::string& name, Value value);
    Value loadName(const ast::Name& name);

    // expressions
    Value eval(const ast::Expr& e);
    Value evalCall(const ast::Call& c);
    Value evalComprehension(const ast::Comprehension& c);
    Value evalFString(const ast::FString& f);
    Value evalConstant(const ast::Constant& c);
    Value evalSequence(const ast::Sequence& s);
    Value evalDict(const ast::Dict& d);
    Value evalCompare(const ast::Compare& c);
    Value evalSubscript(const ast::Subscript& s);
    void comprehensionLoop(const ast::Comprehension& c, std::size_t level, Value iterable, std::vector<Value>& out,
                           DictObject* dict);
    FunctionObject* makeFunction(const ast::FunctionSpec& spec);
    void collectArgs(const std::vector<ast::ExprPtr>& args, const std::vector<ast::Keyword>& keywords, CallArgs& out);

    // calls
    Value callFunction(FunctionObject* fn, CallArgs& args);
    void bindArguments(FunctionObject* fn, CallArgs& args, AttrMap& locals);
    Value instantiate(ClassObject* cls, CallArgs& args);
    // obj.name as a method call target: (callable, self or None) without creating a bound method.
    std::pair<Value, std::optional<Value>> lookupMethod(Value obj, std::string_view name);
    Value callDunder(Value obj, std::string_view name, std::vector<Value> args, bool& found);
    Value* userDunder(Value obj, std::string_view name);
    std::optional<Value> classGetAttr(ClassObject* cls, std::string_view name);
    Value bindAttribute(Value obj, Value attr, ClassObject* owner);
    std::optional<Value> binaryFast(BinaryOp op, Value a, Value b);
    Value intBinary(BinaryOp op, std::int64_t a, std::int64_t b, bool bothBool);
    Value floatBinary(BinaryOp op, double a, double b);
    std::optional<Value> sequenceBinary(BinaryOp op, Value a, Value b);
    Value inplace(BinaryOp op, Value a, Value b);
    std::string reprObject(Object* o);
    [[noreturn]] void raiseNameError(const std::string& name);

    Heap heap_;
    Budget budget_;
    RunCounters counters_;
    Types types_;
    ModuleObject* builtins_ = nullptr;
    std::unordered_map<std::string, ModuleObject*> modules_;
    ModuleFinder finder_;
    std::vector<std::unique_ptr<ast::Module>> code_;
    std::vector<std::unique_ptr<std::string>> kinds_; // stable storage for module labels
    std::vector<Value> roots_;
    Frame* frame_ = nullptr;
    int depth_ = 0;
    std::vector<ExceptionObject*> handling_; // exceptions being handled (bare raise, __context__)
    std::vector<Object*> reprStack_;         // objects being repr'd (recursive containers)
    std::string output_;
    std::uintptr_t stackTop_ = 0;
    Value notImplemented_;
    Value ellipsis_;
};

} // namespace pipelab::py
