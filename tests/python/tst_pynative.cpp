// The native embedding API as the Django layer uses it: native modules and a prelude, native
// classes with hooks (a lazy QuerySet that counts evaluations, Q objects with & | ~), a native
// base class subclassed by user classes with a class-created hook, native exceptions caught by
// user code, argument checking, context managers, decorators, and source-line attribution.
#include "sim/python/interpreter.h"

#include <QtTest>

using namespace pipelab::py;

namespace {

// A lazy sequence: evaluates (and counts the evaluation) on first iteration/len/index.
class LazyRows final : public Object {
public:
    LazyRows(ClassObject* cls, int* evaluations, std::int64_t n, std::string filter)
        : Object(cls), evaluations_(evaluations), n_(n), filter_(std::move(filter))
    {
    }

    void evaluate(Interpreter& interp)
    {
        if (cache_)
            return;
        ++*evaluations_;
        std::vector<Value> rows;
        for (std::int64_t i = 1; i <= n_; ++i)
            rows.push_back(Value::integer(i));
        cache_ = interp.newList(std::move(rows));
    }

    Object* iter(Interpreter& interp) override
    {
        evaluate(interp);
        return interp.iter(cache_).asObject();
    }
    std::optional<std::int64_t> len(Interpreter& interp) override
    {
        evaluate(interp);
        return static_cast<std::int64_t>(cache_->items.size());
    }
    std::optional<Value> getItem(Interpreter& interp, Value key) override
    {
        evaluate(interp);
        return interp.getItem(cache_, key);
    }
    std::optional<std::string> repr(Interpreter& interp) override
    {
        evaluate(interp);
        return "<LazyRows " + interp.repr(cache_) + ">";
    }
    std::optional<Value> getAttr(Interpreter& interp, std::string_view name) override
    {
        if (name == "query")
            return interp.newStr("SELECT * WHERE " + filter_);
        return std::nullopt;
    }
    void trace(Tracer& t) override
    {
        if (cache_)
            t.visit(static_cast<Object*>(cache_));
    }

    int* evaluations_;
    std::int64_t n_;
    std::string filter_;
    ListObject* cache_ = nullptr;
};

// Q(a=1) | Q(b=2), ~Q(...): combines into a readable tree.
class QNode final : public Object {
public:
    QNode(ClassObject* cls, std::string text) : Object(cls), text(std::move(text)) {}
    std::optional<Value> binaryOp(Interpreter& interp, BinaryOp op, Value other, bool reflected) override
    {
        auto* q = other.as<QNode>();
        if (!q || (op != BinaryOp::BitOr && op != BinaryOp::BitAnd))
            return std::nullopt;
        const char* sep = op == BinaryOp::BitOr ? " OR " : " AND ";
        const std::string l = reflected ? q->text : text;
        const std::string r = reflected ? text : q->text;
        return Value(interp.make<QNode>(cls(), "(" + l + sep + r + ")"));
    }
    std::optional<Value> unaryOp(Interpreter& interp, UnaryOp op) override
    {
        if (op != UnaryOp::Invert)
            return std::nullopt;
        return Value(interp.make<QNode>(cls(), "NOT " + text));
    }
    std::optional<std::string> repr(Interpreter&) override { return "<Q: " + text + ">"; }
    std::string text;
};

// Instances of native Model subclasses.
class ModelInstance final : public InstanceObject {
public:
    using InstanceObject::InstanceObject;
    bool saved = false;
};

// A native context manager recording enter/exit order.
class Atomic final : public Object {
public:
    Atomic(ClassObject* cls, std::vector<std::string>* log) : Object(cls), log(log) {}
    std::optional<Value> enter(Interpreter&) override
    {
        log->push_back("BEGIN");
        return Value();
    }
    std::optional<bool> exit(Interpreter& interp, Value exc) override
    {
        log->push_back(exc.isNone() ? "COMMIT" : "ROLLBACK " + interp.typeName(exc));
        return false;
    }
    std::vector<std::string>* log;
};

struct Fixture {
    Interpreter interp;
    int evaluations = 0;
    std::vector<std::string> queryLines;
    std::vector<std::string> txLog;
    std::vector<std::string> collectedFields;
    ClassObject* http404 = nullptr;
    ClassObject* objectDoesNotExist = nullptr;

    Fixture()
    {
        ModuleObject* models = interp.newModule("django.db.models", "django");
        ModuleObject* http = interp.newModule("django.http", "django");
        ModuleObject* shortcuts = interp.newModule("django.shortcuts", "django");
        ModuleObject* db = interp.findModule("django.db");
        QVERIFY(db);

        // exceptions
        objectDoesNotExist = interp.newExceptionClass("ObjectDoesNotExist", nullptr, "django.core.exceptions");
        http404 = interp.newExceptionClass("Http404", nullptr, "django.http");
        http->globals.set("Http404", http404);

        // Field: a plain native class; Model: a native base with allocate + subclass hook.
        ClassObject* field = interp.newClass("Field", {}, "django.db.models");
        interp.defineMethod(field, "__init__", [](Interpreter& ip, CallArgs& a) -> Value {
            static const Signature sig("Field", {"self", "*", "max_length=", "default="});
            BoundArgs b = bind(ip, a, sig);
            ip.setAttr(b[0], "max_length", b.get(1));
            ip.setAttr(b[0], "default", b.get(2));
            return {};
        });
        models->globals.set("CharField", field);
        models->globals.set("IntegerField", field);

        ClassObject* model = interp.newClass("Model", {}, "django.db.models");
        model->allocate = [](Interpreter& ip, ClassObject* cls) -> Object* { return ip.make<ModelInstance>(cls); };
        model->onSubclassCreated = [this, field](Interpreter& ip, ClassObject* cls) {
            std::string names;
            for (const auto& [name, value] : cls->dict.entries())
                if (ip.isInstance(value, field))
                    names += (names.empty() ? "" : ",") + name;
            collectedFields.push_back(cls->name + ":" + names);
            // Per-model DoesNotExist, as ModelBase does.
            ClassObject* dne = ip.newExceptionClass("DoesNotExist", objectDoesNotExist, cls->moduleName);
            dne->qualname = cls->name + ".DoesNotExist";
            cls->dict.set("DoesNotExist", dne);
        };
        interp.defineMethod(model, "__init__", [](Interpreter& ip, CallArgs& a) -> Value {
            if (a.args.size() > 1)
                ip.raise(ip.types().TypeError, ip.typeName(a.args[0]) + "() takes keyword arguments only");
            for (const auto& [k, v] : a.kwargs)
                ip.setAttr(a.args[0], k, v);
            return {};
        });
        interp.defineMethod(model, "save", [](Interpreter&, CallArgs& a) -> Value {
            if (auto* m = dynamic_cast<ModelInstance*>(a.args[0].asObject()))
                m->saved = true;
            return {};
        });
        interp.defineMethod(model, "__str__", [](Interpreter& ip, CallArgs& a) -> Value {
            return ip.newStr(ip.typeName(a.args[0]) + " object");
        });
        model->dict.set("get", Value(interp.newFunction("get", [](Interpreter& ip, CallArgs& a) -> Value {
            // classmethod-like helper: Model.get(cls, pk) raises cls.DoesNotExist
            ClassObject* cls = a.args[0].as<ClassObject>();
            ExceptionObject* e = ip.newException(ip.getAttr(cls, "DoesNotExist").as<ClassObject>(),
                                                 cls->name + " matching query does not exist.");
            ip.raise(Value(e));
        })));
        models->globals.set("Model", model);

        // rows(n, filter=""): a lazy native sequence; Q(**kw) objects.
        ClassObject* lazyClass = interp.newClass("QuerySet", {}, "django.db.models");
        models->globals.set("rows", interp.newFunction("rows", [this, lazyClass](Interpreter& ip, CallArgs& a) -> Value {
            static const Signature sig("rows", {"n", "filter="});
            BoundArgs b = bind(ip, a, sig);
            const std::string* f = Interpreter::strOf(b.get(1));
            return ip.make<LazyRows>(lazyClass, &evaluations, ip.expectInt(b[0], "n"), f ? *f : "");
        }));
        ClassObject* qClass = interp.newClass("Q", {}, "django.db.models");
        qClass->construct = [](Interpreter& ip, ClassObject* cls, CallArgs& a) -> Value {
            std::string text;
            for (const auto& [k, v] : a.kwargs)
                text += (text.empty() ? "" : ", ") + k + "=" + ip.repr(v);
            return ip.make<QNode>(cls, text);
        };
        models->globals.set("Q", qClass);

        // shortcuts: get_object_or_404 raises Http404; query() records the caller's line;
        // render() checks its signature; atomic() is a context manager; login_required decorates.
        shortcuts->globals.set("get_object_or_404", interp.newFunction("get_object_or_404", [this](Interpreter& ip, CallArgs&) -> Value {
            ip.raise(http404, "No Order matches the given query.");
        }));
        shortcuts->globals.set("query", interp.newFunction("query", [this](Interpreter& ip, CallArgs&) -> Value {
            queryLines.push_back(ip.currentLocation().label());
            return {};
        }));
        shortcuts->globals.set("render", interp.newFunction("render", [](Interpreter& ip, CallArgs& a) -> Value {
            static const Signature sig("render", {"request", "template_name", "context=", "*", "status="});
            BoundArgs b = bind(ip, a, sig);
            return ip.newStr(ip.toStr(b[1]) + " " + ip.repr(b.get(2)) + " " + ip.repr(b.get(3, Value::integer(200))));
        }));
        ClassObject* atomicClass = interp.newClass("Atomic", {}, "django.db.transaction");
        shortcuts->globals.set("atomic", interp.newFunction("atomic", [this, atomicClass](Interpreter& ip, CallArgs&) -> Value {
            return ip.make<Atomic>(atomicClass, &txLog);
        }));
        shortcuts->globals.set("login_required", interp.newFunction("login_required", [](Interpreter& ip, CallArgs& a) -> Value {
            Value view = a.args.at(0);
            return ip.newFunction("wrapped", [](Interpreter& ip2, CallArgs& inner) -> Value {
                Value user = inner.args.at(0);
                if (!ip2.truthy(user))
                    return ip2.newStr("redirect to login");
                return ip2.call(inner.captured(0), inner.args, inner.kwargs);
            }, {view});
        }));
    }

    ModuleObject* load(const std::string& name, const std::string& kind, const std::string& source, int yamlLine = 1)
    {
        ModuleObject* m = interp.newModule("shop." + name, kind, "shop");
        interp.importInto(m, "django.db", {"models"});
        interp.importInto(m, "django.shortcuts", {"*"});
        interp.importInto(m, "django.http", {"Http404"});
        interp.exec(m, parse(source, {yamlLine, 3}, kind));
        return m;
    }
};

} // namespace

class TestPyNative : public QObject {
    Q_OBJECT

private slots:
    void lazyNativeObjectCountsEvaluations()
    {
        Fixture fx;
        fx.load("views", "views",
                "qs = models.rows(3, filter='x')\n"
                "print(qs.query)\n"
                "total = 0\n"
                "for r in qs:\n"
                "    total += r\n"
                "print(total, len(qs), qs[0], list(qs), 2 in qs)\n"
                "fresh = models.rows(2)\n");
        QCOMPARE(fx.interp.output(), std::string("SELECT * WHERE x\n6 3 1 [1, 2, 3] True\n"));
        QCOMPARE(fx.evaluations, 1); // fresh was never evaluated
    }

    void qObjectsCombine()
    {
        Fixture fx;
        fx.load("views", "views", "q = models.Q(a=1) | models.Q(b='x') & ~models.Q(c=None)\nprint(q)\n");
        QCOMPARE(fx.interp.output(), std::string("<Q: (a=1 OR (b='x' AND NOT c=None))>\n"));
    }

    void nativeBaseClassSubclassed()
    {
        Fixture fx;
        ModuleObject* models = fx.load("models", "models",
                                       "class Order(models.Model):\n"
                                       "    name = models.CharField(max_length=100)\n"
                                       "    label = 'not a field'\n"
                                       "    quantity = models.IntegerField(default=1)\n"
                                       "    def save(self):\n"
                                       "        self.touched = True\n"
                                       "        super().save()\n"
                                       "    def __str__(self):\n"
                                       "        return 'Order ' + self.name\n"
                                       "class Plain(models.Model):\n"
                                       "    pass\n"
                                       "o = Order(name='a', quantity=3)\n"
                                       "o.save()\n"
                                       "print(o, o.quantity, o.touched, Order.name.max_length, str(Plain()))\n");
        QCOMPARE(fx.collectedFields, (std::vector<std::string>{"Order:name,quantity", "Plain:"}));
        QCOMPARE(fx.interp.output(), std::string("Order a 3 True 100 Plain object\n"));
        Value o = fx.interp.getAttr(models, "o");
        auto* instance = dynamic_cast<ModelInstance*>(o.asObject());
        QVERIFY(instance);
        QVERIFY(instance->saved);
        QCOMPARE(fx.interp.typeName(o), std::string("Order"));
        auto error = fx.interp.guard([&] { fx.interp.evalExpression(models, "Order(1)"); });
        QVERIFY(error);
        QCOMPARE(error->describe(), std::string("TypeError: Order() takes keyword arguments only"));
    }

    void nativeExceptionsCaughtByUserCode()
    {
        Fixture fx;
        fx.load("views", "views",
                "class Order(models.Model):\n"
                "    pass\n"
                "try:\n"
                "    get_object_or_404()\n"
                "except Http404 as e:\n"
                "    print('404:', e)\n"
                "try:\n"
                "    Order.get(Order, 7)\n"
                "except Order.DoesNotExist as e:\n"
                "    print(type(e).__name__, e)\n"
                "try:\n"
                "    Order.get(Order, 7)\n"
                "except Exception as e:\n"
                "    print('generic', isinstance(e, Order.DoesNotExist))\n");
        QCOMPARE(fx.interp.output(), std::string("404: No Order matches the given query.\n"
                                                 "DoesNotExist Order matching query does not exist.\n"
                                                 "generic True\n"));
        auto error = fx.interp.guard([&] { fx.load("urls", "urls", "get_object_or_404()\n", 30); });
        QVERIFY(error);
        QCOMPARE(error->describe(), std::string("Http404: No Order matches the given query."));
        QCOMPARE(error->line, 30);
    }

    void sourceLineOfNativeCall()
    {
        Fixture fx;
        fx.load("views", "views",
                "def helper():\n"
                "    query()\n"
                "def dashboard(request):\n"
                "    query()\n"
                "    rows = [\n"
                "        1,\n"
                "        query(),\n"
                "    ]\n"
                "    helper()\n"
                "    return rows\n"
                "dashboard(None)\n",
                60);
        QCOMPARE(fx.queryLines, (std::vector<std::string>{"views:63", "views:66", "views:61"}));
        QVERIFY(!fx.interp.currentLocation().valid());
    }

    void signatureErrors()
    {
        Fixture fx;
        ModuleObject* m = fx.load("views", "views", "x = render(None, 'a.html', {'k': 1}, status=404)\n");
        QCOMPARE(fx.interp.toStr(fx.interp.getAttr(m, "x")), std::string("a.html {'k': 1} 404"));
        auto error = fx.interp.guard([&] { fx.interp.evalExpression(m, "render(None, 'a.html', x=1)"); });
        QVERIFY(error);
        QCOMPARE(error->describe(), std::string("TypeError: render() got an unexpected keyword argument 'x'"));
        error = fx.interp.guard([&] { fx.interp.evalExpression(m, "render(None)"); });
        QCOMPARE(error->describe(), std::string("TypeError: render() missing 1 required positional argument: 'template_name'"));
        error = fx.interp.guard([&] { fx.interp.evalExpression(m, "render(1, 2, 3, 4)"); });
        QCOMPARE(error->describe(), std::string("TypeError: render() takes from 2 to 3 positional arguments but 4 were given"));
        error = fx.interp.guard([&] { fx.interp.evalExpression(m, "models.CharField(max_length=1, blank=True)"); });
        QCOMPARE(error->describe(), std::string("TypeError: Field() got an unexpected keyword argument 'blank'"));
    }

    void nativeContextManager()
    {
        Fixture fx;
        fx.load("views", "views",
                "with atomic():\n"
                "    x = 1\n"
                "try:\n"
                "    with atomic():\n"
                "        raise ValueError('no')\n"
                "except ValueError:\n"
                "    print('rolled back')\n");
        QCOMPARE(fx.txLog, (std::vector<std::string>{"BEGIN", "COMMIT", "BEGIN", "ROLLBACK ValueError"}));
        QCOMPARE(fx.interp.output(), std::string("rolled back\n"));
    }

    void nativeDecoratorWithCapturedValueSurvivesGc()
    {
        Fixture fx;
        ModuleObject* m = fx.load("views", "views",
                                  "@login_required\n"
                                  "def secret(user, page=1):\n"
                                  "    return 'page %d for %s' % (page, user)\n");
        QVERIFY(fx.interp.collectGarbage() > 0);
        Value view = fx.interp.getAttr(m, "secret");
        QCOMPARE(fx.interp.toStr(fx.interp.call(view, {fx.interp.newStr("ann")}, {{"page", Value::integer(2)}})),
                 std::string("page 2 for ann"));
        QCOMPARE(fx.interp.toStr(fx.interp.call(view, {Value()})), std::string("redirect to login"));
    }

    void genericProtocolFromCpp()
    {
        Fixture fx;
        ModuleObject* m = fx.load("views", "views",
                                  "class Item:\n"
                                  "    def __init__(self, n):\n"
                                  "        self.n = n\n"
                                  "    def __repr__(self):\n"
                                  "        return f'Item({self.n})'\n"
                                  "items = [Item(i) for i in range(3)]\n"
                                  "ctx = {'title': 'T', 'items': items}\n");
        Value ctx = fx.interp.getAttr(m, "ctx");
        Value items = fx.interp.getItem(ctx, fx.interp.newStr("items"));
        std::vector<std::int64_t> ns;
        fx.interp.forEach(items, [&](Value item) {
            ns.push_back(fx.interp.getAttr(item, "n").asInt());
            return true;
        });
        QCOMPARE(ns, (std::vector<std::int64_t>{0, 1, 2}));
        QCOMPARE(fx.interp.repr(items), std::string("[Item(0), Item(1), Item(2)]"));
        QVERIFY(fx.interp.truthy(ctx));
        QCOMPARE(fx.interp.len(ctx), 2);
        QVERIFY(fx.interp.eq(fx.interp.getItem(ctx, fx.interp.newStr("title")), fx.interp.newStr("T")));
        QVERIFY(!fx.interp.findAttr(items, "nope"));
        QCOMPARE(fx.interp.callMethod(fx.interp.newStr("a-b"), "split", {fx.interp.newStr("-")}).as<ListObject>()->items.size(),
                 std::size_t(2));
        try {
            fx.interp.getAttr(ctx, "title");
            QFAIL("expected AttributeError");
        } catch (const PyException& e) {
            QCOMPARE(fx.interp.describe(e).describe(), std::string("AttributeError: 'dict' object has no attribute 'title'"));
        }
    }

    void unknownModuleAndFinder()
    {
        Fixture fx;
        auto error = fx.interp.guard([&] { fx.load("apps", "apps", "from . import signals\n", 5); });
        QVERIFY(error);
        QCOMPARE(error->describe(), std::string("ImportError: cannot import name 'signals' from 'shop'"));
        int found = 0;
        fx.interp.setModuleFinder([&](Interpreter& ip, const std::string& name) -> ModuleObject* {
            if (name != "shop.signals")
                return nullptr;
            ++found;
            return ip.runModule(name, "CONNECTED = True\n", {}, "signals", "shop");
        });
        fx.load("apps", "apps", "from . import signals\nprint(signals.CONNECTED)\n");
        QCOMPARE(found, 1);
        QCOMPARE(fx.interp.output(), std::string("True\n"));
    }
};

QTEST_GUILESS_MAIN(TestPyNative)
#include "tst_pynative.moc"
