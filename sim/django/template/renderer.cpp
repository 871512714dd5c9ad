// Renderer: the render() methods of Django's nodes, in Django's order of evaluation (which is
// what decides when a lazy QuerySet runs and which node a query is attributed to).
#include "sim/django/template/renderer.h"

#include "sim/django/template/dateformat.h"
#include "sim/django/template/engine.h"
#include "sim/django/template/filters.h"
#include "sim/django/template/fragmentkey.h"
#include "sim/django/template/html.h"
#include "sim/django/template/numberformat.h"
#include "sim/django/template/renderhooks.h"
#include "sim/django/template/templatelibrary.h"
#include "sim/python/format.h"
#include "sim/python/interpreter.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

namespace pipelab::django::templates {

namespace {

// Node.render_annotated(): the hooks see every node start and finish, exceptions included.
class NodeScope {
public:
    NodeScope(RenderHooks& hooks, const Template& tmpl, const Node& node) : hooks_(hooks), tmpl_(tmpl), node_(node)
    {
        hooks_.nodeStarted(tmpl_, node_);
    }
    ~NodeScope() { hooks_.nodeFinished(tmpl_, node_); }
    NodeScope(const NodeScope&) = delete;
    NodeScope& operator=(const NodeScope&) = delete;

private:
    RenderHooks& hooks_;
    const Template& tmpl_;
    const Node& node_;
};

class DepthScope {
public:
    DepthScope(int& depth, py::Interpreter& interp, int limit) : depth_(depth)
    {
        if (++depth_ > limit) {
            --depth_;
            interp.raise(interp.types().RecursionError,
                         fmt::format("maximum recursion depth exceeded: templates included or extended more than {} "
                                     "levels deep",
                                     limit));
        }
    }
    ~DepthScope() { --depth_; }
    DepthScope(const DepthScope&) = delete;
    DepthScope& operator=(const DepthScope&) = delete;

private:
    int& depth_;
};

// `block` in a block's context: BlockNode with its name and super().
class BlockObject final : public py::Object {
public:
    BlockObject(const TemplateLibrary& lib, Renderer& renderer, Renderer::BlockRef ref, Renderer::Frame frame,
                Context* context, bool hasContext)
        : Object(lib.blockNodeClass()), lib_(lib), renderer_(renderer), stateAlive_(frame.state->alive), ref_(ref),
          frame_(frame), context_(context), hasContext_(hasContext)
    {
    }

    std::optional<py::Value> getAttr(py::Interpreter& interp, std::string_view name) override
    {
        if (name == "name")
            return interp.newStr(ref_.block->name);
        if (name != "super")
            return std::nullopt;
        return py::Value(interp.newFunction("super", [this](py::Interpreter& ip, py::CallArgs& args) -> py::Value {
            if (args.size() != 0)
                ip.raise(ip.types().TypeError, "super() takes no arguments");
            return callSuper(ip);
        }, {py::Value(this)}));
    }
    std::optional<std::string> repr(py::Interpreter&) override
    {
        return "<Block Node: " + ref_.block->name + ". Contents: [...]>";
    }

private:
    py::Value callSuper(py::Interpreter& ip)
    {
        // Outside {% extends %} Django puts the parsed node itself in the context; it has no
        // `context` attribute.
        if (!hasContext_)
            lib_.raiseTemplateSyntaxError("'BlockNode' object has no attribute 'context'. Did you use {{ block.super }} "
                                          "in a base template?");
        // The render state (and with it the context) ends with the template's render. A `block`
        // kept past it finds no block context in the render context that is current then, so
        // Django returns ''.
        if (stateAlive_.expired())
            return ip.newStr("");
        Renderer::BlockContext* blocks = frame_.state->blockContext.get();
        if (!blocks || !blocks->getBlock(ref_.block->name))
            return ip.newStr("");
        std::string out;
        renderer_.renderBlock(ref_, frame_, *context_, out);
        return lib_.markSafe(std::move(out));
    }

    const TemplateLibrary& lib_;
    Renderer& renderer_;
    std::weak_ptr<const bool> stateAlive_;
    Renderer::BlockRef ref_;
    Renderer::Frame frame_;
    Context* context_;
    bool hasContext_;
};

bool isDigits(std::string_view s)
{
    if (!s.empty() && (s[0] == '-' || s[0] == '+'))
        s.remove_prefix(1);
    if (s.empty())
        return false;
    for (char c : s)
        if (c < '0' || c > '9')
            return false;
    return true;
}

// Parameters a callable needs that have no default (Django: inspect.signature(f).bind()).
std::optional<bool> requiresArguments(py::Value callable)
{
    int bound = 0;
    py::Value fn = callable;
    if (auto* m = fn.as<py::BoundMethod>()) {
        fn = m->function;
        bound = 1;
    } else if (auto* cls = fn.as<py::ClassObject>()) {
        py::Value* init = cls->lookup("__init__");
        if (!init || !init->as<py::FunctionObject>())
            return std::nullopt;
        fn = *init;
        bound = 1;
    } else if (py::Object* o = fn.asObject(); o && o->objKind() == py::ObjKind::Other) {
        py::Value* call = o->cls()->lookup("__call__");
        if (!call)
            return std::nullopt;
        fn = *call;
        bound = 1;
    }
    auto* f = fn.as<py::FunctionObject>();
    if (!f)
        return std::nullopt;
    int required = 0;
    for (const auto& d : f->defaults)
        required += d.has_value() ? 0 : 1;
    for (const auto& d : f->kwDefaults)
        if (!d.has_value())
            return true;
    return required - bound > 0;
}

bool classNamed(const py::ClassObject* cls, std::string_view name)
{
    for (const py::ClassObject* c : cls->mro)
        if (c->name == name)
            return true;
    return false;
}

std::string stripWhitespace(const std::string& s)
{
    const std::size_t a = s.find_first_not_of(" \t\n\r\f\v");
    if (a == std::string::npos)
        return {};
    const std::size_t b = s.find_last_not_of(" \t\n\r\f\v");
    return s.substr(a, b - a + 1);
}

void collectBlocks(const NodeList& nodes, const Template* tmpl, std::map<std::string, Renderer::BlockRef>& out);

void collectBlocksIn(const Node& node, const Template* tmpl, std::map<std::string, Renderer::BlockRef>& out)
{
    std::visit(
        [&](const auto& n) {
            using T = std::decay_t<decltype(n)>;
            if constexpr (std::is_same_v<T, BlockNode>) {
                out[n.name] = Renderer::BlockRef{&n, &node, tmpl};
                collectBlocks(n.nodelist, tmpl, out);
            } else if constexpr (std::is_same_v<T, ForNode>) {
                collectBlocks(n.nodelistLoop, tmpl, out);
                if (n.nodelistEmpty)
                    collectBlocks(*n.nodelistEmpty, tmpl, out);
            } else if constexpr (std::is_same_v<T, IfNode>) {
                for (const auto& [condition, nodelist] : n.conditionsNodelists)
                    collectBlocks(nodelist, tmpl, out);
            } else if constexpr (std::is_same_v<T, WithNode> || std::is_same_v<T, ExtendsNode> ||
                                 std::is_same_v<T, CacheNode> || std::is_same_v<T, SpacelessNode> ||
                                 std::is_same_v<T, AutoEscapeControlNode>) {
                collectBlocks(n.nodelist, tmpl, out);
            }
        },
        node.data);
}

// NodeList.get_nodes_by_type(BlockNode) as a name → block map.
void collectBlocks(const NodeList& nodes, const Template* tmpl, std::map<std::string, Renderer::BlockRef>& out)
{
    for (const Node& node : nodes)
        collectBlocksIn(node, tmpl, out);
}

} // namespace

// --- BlockContext --------------------------------------------------------------------------------

std::optional<Renderer::BlockRef> Renderer::BlockContext::pop(std::string_view name)
{
    auto it = blocks.find(name);
    if (it == blocks.end() || it->second.empty())
        return std::nullopt;
    BlockRef b = it->second.back();
    it->second.pop_back();
    return b;
}

void Renderer::BlockContext::push(const std::string& name, const BlockRef& block)
{
    blocks[name].push_back(block);
}

const Renderer::BlockRef* Renderer::BlockContext::getBlock(std::string_view name) const
{
    auto it = blocks.find(name);
    if (it == blocks.end() || it->second.empty())
        return nullptr;
    return &it->second.back();
}

// --- Renderer ------------------------------------------------------------------------------------

Renderer::Renderer(Engine& engine)
    : engine_(engine), interp_(engine.interpreter()), lib_(engine.library()), filters_(engine.filters()),
      hooks_(engine.hooks())
{
}

Renderer::~Renderer() = default;

void Renderer::renderTemplate(const Template& tmpl, Context& context, std::string& out)
{
    DepthScope depth(depth_, interp_, engine_.options().maxTemplateDepth);
    RenderState state;
    renderNodeList(tmpl.nodelist, Frame{&tmpl, &state}, context, out);
}

void Renderer::renderNodeList(const NodeList& nodes, Frame frame, Context& context, std::string& out)
{
    for (const Node& node : nodes)
        renderNode(node, frame, context, out);
}

void Renderer::checkOutput(const std::string& out, const Template& tmpl, const Node& node)
{
    // Reported at the template line whose output crossed the limit, not at the view that rendered.
    if (out.size() > engine_.options().maxOutputBytes)
        throw py::BudgetExceeded(fmt::format("template output larger than {} bytes", engine_.options().maxOutputBytes),
                                 "templates/" + tmpl.name, tmpl.sourceLine(node), 0);
}

void Renderer::renderNode(const Node& node, Frame frame, Context& context, std::string& out)
{
    interp_.checkStack(); // nesting × include depth must not overflow the C++ stack
    NodeScope scope(hooks_, *frame.tmpl, node);
    std::visit(
        [&](const auto& n) {
            using T = std::decay_t<decltype(n)>;
            if constexpr (std::is_same_v<T, TextNode>) {
                out += n.s;
            } else if constexpr (std::is_same_v<T, VariableNode>) {
                appendValue(resolve(n.filterExpression, context), context, out);
            } else if constexpr (std::is_same_v<T, ForNode>) {
                renderFor(n, frame, context, out);
            } else if constexpr (std::is_same_v<T, IfNode>) {
                renderIf(n, frame, context, out);
            } else if constexpr (std::is_same_v<T, WithNode>) {
                Context::Scope values;
                for (const auto& [name, fe] : n.extraContext)
                    values.emplace_back(name, resolve(fe, context));
                Context::Push push(context, std::move(values));
                renderNodeList(n.nodelist, frame, context, out);
            } else if constexpr (std::is_same_v<T, IncludeNode>) {
                renderInclude(n, frame, context, out);
            } else if constexpr (std::is_same_v<T, ExtendsNode>) {
                renderExtends(n, frame, context, out);
            } else if constexpr (std::is_same_v<T, BlockNode>) {
                renderBlock(BlockRef{&n, &node, frame.tmpl}, frame, context, out);
            } else if constexpr (std::is_same_v<T, URLNode>) {
                renderUrl(n, context, out);
            } else if constexpr (std::is_same_v<T, CsrfTokenNode>) {
                renderCsrfToken(context, out);
            } else if constexpr (std::is_same_v<T, CacheNode>) {
                renderCache(n, frame, context, out);
            } else if constexpr (std::is_same_v<T, SpacelessNode>) {
                std::string inner;
                renderNodeList(n.nodelist, frame, context, inner);
                out += html::stripSpacesBetweenTags(stripWhitespace(inner));
            } else if constexpr (std::is_same_v<T, NowNode>) {
                renderNow(n, context, out);
            } else if constexpr (std::is_same_v<T, FirstOfNode>) {
                renderFirstOf(n, context, out);
            } else if constexpr (std::is_same_v<T, CycleNode>) {
                renderCycle(node, n, frame, context, out);
            } else if constexpr (std::is_same_v<T, AutoEscapeControlNode>) {
                const bool old = context.autoescape;
                context.autoescape = n.setting;
                renderNodeList(n.nodelist, frame, context, out);
                context.autoescape = old;
            } else if constexpr (std::is_same_v<T, VerbatimNode>) {
                out += n.content;
            }
            // LoadNode and CommentNode render nothing.
        },
        node.data);
    checkOutput(out, *frame.tmpl, node);
}

// --- variables -----------------------------------------------------------------------------------

py::Value Renderer::literal(const Variable& var)
{
    switch (var.kind) {
    case Variable::Kind::Int: {
        std::int64_t v = 0;
        const auto* begin = var.intDigits.data();
        const auto* end = begin + var.intDigits.size();
        if (std::from_chars(begin, end, v).ec == std::errc())
            return py::Value::integer(v);
        return interp_.call(py::Value(interp_.types().int_), {interp_.newStr(var.intDigits)});
    }
    case Variable::Kind::Float: return py::Value::real(var.floatValue);
    case Variable::Kind::String: return lib_.markSafe(var.string);
    case Variable::Kind::Lookup: break;
    }
    return py::Value();
}

py::Value Renderer::resolveVariable(const Variable& var, Context& context)
{
    py::Value value;
    if (var.kind == Variable::Kind::Lookup) {
        std::optional<py::Value> v = resolveLookup(var, context);
        if (!v)
            raiseMissing(context);
        value = *v;
    } else {
        value = literal(var);
    }
    if (var.translate) {
        // msgid = value.replace('%', '%%'), kept safe; gettext() of en-us returns it.
        const bool safe = lib_.isSafe(value);
        std::string text = interp_.toStr(value);
        std::string doubled;
        for (char c : text) {
            doubled += c;
            if (c == '%')
                doubled += '%';
        }
        value = safe ? lib_.markSafe(std::move(doubled)) : interp_.newStr(std::move(doubled));
    }
    return value;
}

void Renderer::raiseMissing(Context& context)
{
    std::string where;
    if (missingIn_) {
        where = interp_.repr(*missingIn_);
    } else {
        where = "[";
        for (std::size_t i = 0; i < context.dicts().size(); ++i) {
            where += i ? ", {" : "{";
            const auto& scope = context.dicts()[i];
            for (std::size_t j = 0; j < scope.size(); ++j)
                where += (j ? ", '" : "'") + scope[j].first + "': " + interp_.repr(scope[j].second);
            where += "}";
        }
        where += "]";
    }
    lib_.raiseVariableDoesNotExist(fmt::format("Failed lookup for key [{}] in {}", missingBit_, where));
}

std::optional<py::Value> Renderer::lookupBit(py::Value current, const std::string& bit)
{
    const py::Types& t = interp_.types();
    // Dictionary lookup: current[bit]; TypeError, AttributeError, KeyError, ValueError and
    // IndexError mean "try the next way". Types known not to take a str key skip the exception.
    py::Object* o = current.asObject();
    if (o) {
        switch (o->objKind()) {
        case py::ObjKind::Dict:
            if (o->cls() == t.dict) {
                if (auto v = interp_.dictGet(static_cast<py::DictObject*>(o), engine_.internedKey(bit)))
                    return v;
                break;
            }
            [[fallthrough]];
        case py::ObjKind::Other:
            if (o->objKind() == py::ObjKind::Other && !o->cls()->lookup("__getitem__")) {
                // A native object: ask its hook directly (no hook: not subscriptable).
                try {
                    if (auto v = o->getItem(interp_, engine_.internedKey(bit)))
                        return v;
                } catch (const py::PyException& e) {
                    if (!(interp_.matches(e, t.TypeError) || interp_.matches(e, t.AttributeError) ||
                          interp_.matches(e, t.KeyError) || interp_.matches(e, t.ValueError) ||
                          interp_.matches(e, t.IndexError)))
                        throw;
                }
                break;
            }
            try {
                return interp_.getItem(current, engine_.internedKey(bit));
            } catch (const py::PyException& e) {
                if (!(interp_.matches(e, t.TypeError) || interp_.matches(e, t.AttributeError) ||
                      interp_.matches(e, t.KeyError) || interp_.matches(e, t.ValueError) ||
                      interp_.matches(e, t.IndexError)))
                    throw;
            }
            break;
        default: break; // str, list, tuple, range ...: a str index is a TypeError
        }
    }
    // Attribute lookup. An AttributeError from a property is re-raised (bit in dir(current)).
    try {
        if (auto v = interp_.findAttr(current, bit))
            return v;
    } catch (const py::PyException& e) {
        if (!(interp_.matches(e, t.AttributeError) || interp_.matches(e, t.TypeError)))
            throw;
        const bool inDir = interp_.typeOf(current)->lookup(bit) ||
                           (o && o->instanceDict() && o->instanceDict()->contains(bit));
        if (inDir)
            throw;
    }
    // List-index lookup: current[int(bit)].
    if (isDigits(bit)) {
        std::int64_t index = 0;
        const char* begin = bit.data() + (bit[0] == '+' ? 1 : 0);
        if (std::from_chars(begin, bit.data() + bit.size(), index).ec == std::errc()) {
            try {
                return interp_.getItem(current, py::Value::integer(index));
            } catch (const py::PyException& e) {
                if (!(interp_.matches(e, t.IndexError) || interp_.matches(e, t.ValueError) ||
                      interp_.matches(e, t.KeyError) || interp_.matches(e, t.TypeError)))
                    throw;
            }
        }
    }
    return std::nullopt;
}

py::Value Renderer::callIfCallable(py::Value current)
{
    if (!interp_.isCallable(current))
        return current;
    auto flag = [&](std::string_view name) {
        std::optional<py::Value> v = interp_.findAttr(current, name);
        return v && interp_.truthy(*v);
    };
    if (flag("do_not_call_in_templates"))
        return current;
    if (flag("alters_data"))
        return interp_.newStr(""); // string_if_invalid
    try {
        return interp_.call(current);
    } catch (const py::PyException& e) {
        if (!interp_.matches(e, interp_.types().TypeError))
            throw;
        std::optional<bool> required = requiresArguments(current);
        if (!required) {
            // A native callable: judge by Python's wording for a missing argument.
            const std::string message = interp_.exceptionMessage(e.exception());
            required = message.find("missing") != std::string::npos ||
                       message.find("required") != std::string::npos ||
                       (message.find("takes") != std::string::npos && message.find("argument") != std::string::npos);
        }
        if (*required)
            return interp_.newStr(""); // invalid method call
        throw;
    }
}

std::optional<py::Value> Renderer::resolveLookup(const Variable& var, Context& context)
{
    try {
        const std::string& first = var.lookups.front();
        std::optional<py::Value> current = context.find(first);
        if (!current) {
            missingBit_ = first;
            missingIn_.reset();
            return std::nullopt;
        }
        py::Value value = callIfCallable(*current);
        for (std::size_t i = 1; i < var.lookups.size(); ++i) {
            std::optional<py::Value> next = lookupBit(value, var.lookups[i]);
            if (!next) {
                missingBit_ = var.lookups[i];
                missingIn_ = value;
                return std::nullopt;
            }
            value = callIfCallable(*next);
        }
        return value;
    } catch (const py::PyException& e) {
        std::optional<py::Value> silent;
        try {
            silent = interp_.findAttr(py::Value(e.exception()), "silent_variable_failure");
        } catch (const py::PyException&) {
        }
        if (silent && interp_.truthy(*silent))
            return interp_.newStr("");
        throw;
    }
}

py::Value Renderer::resolve(const FilterExpression& fe, Context& context, bool ignoreFailures)
{
    py::Value obj;
    if (fe.var.kind == Variable::Kind::Lookup) {
        std::optional<py::Value> v = resolveLookup(fe.var, context);
        if (v)
            obj = fe.var.translate ? resolveVariable(fe.var, context) : *v;
        else
            obj = ignoreFailures ? py::Value() : interp_.newStr("");
    } else {
        obj = resolveVariable(fe.var, context);
    }
    for (const FilterCall& call : fe.filters) {
        std::optional<py::Value> arg;
        if (call.arg) {
            if (call.argIsConstant) {
                py::Value constant = resolveVariable(*call.arg, context);
                arg = lib_.isSafe(constant) ? constant : lib_.markSafe(interp_.toStr(constant));
            } else {
                arg = resolveVariable(*call.arg, context);
            }
        }
        obj = filters_.apply(call.name, obj, arg, context.autoescape);
    }
    return obj;
}

std::pair<std::string, bool> Renderer::renderValue(py::Value value, Context& context)
{
    // localize(): str first, then bool, numbers, datetimes; anything else str(value).
    std::string text;
    bool safe = false;
    if (const std::string* s = interp_.strOf(value)) {
        text = *s;
        safe = lib_.isSafe(value);
    } else if (value.isBool()) {
        text = value.asBool() ? "True" : "False";
    } else if (value.isInt()) {
        text = std::to_string(value.asInt());
    } else if (value.isFloat()) {
        text = numberformat::localizeFloat(py::floatRepr(value.asFloat()));
    } else if (auto* d = dynamic_cast<DateTimeObject*>(value.asObject())) {
        text = DateFormat::dateFormat(d->parts, d->parts.hasTime ? "DATETIME_FORMAT" : "DATE_FORMAT");
    } else {
        text = interp_.toStr(value);
    }
    if (context.autoescape && !safe)
        return {html::escape(text), true};
    return {std::move(text), safe};
}

void Renderer::appendValue(py::Value value, Context& context, std::string& out)
{
    if (const std::string* s = interp_.strOf(value)) {
        if (context.autoescape && !lib_.isSafe(value))
            html::appendEscaped(out, *s);
        else
            out += *s;
        return;
    }
    out += renderValue(value, context).first;
}

// --- tags ----------------------------------------------------------------------------------------

void Renderer::renderFor(const ForNode& node, Frame frame, Context& context, std::string& out)
{
    const py::Types& t = interp_.types();
    std::optional<py::Value> parentloop = context.find("forloop");
    Context::Push push(context);
    py::Value values = resolve(node.sequence, context, true);
    std::vector<py::Value> items;
    if (!values.isNone()) {
        // `if not hasattr(values, '__len__'): values = list(values)`, then len(values): a QuerySet
        // is evaluated by len() and iterated from its result cache.
        if (auto* list = values.as<py::ListObject>()) {
            items = list->items;
        } else if (auto* tuple = values.as<py::TupleObject>()) {
            items = tuple->items;
        } else {
            try {
                interp_.len(values);
            } catch (const py::PyException& e) {
                if (!interp_.matches(e, t.TypeError))
                    throw;
            }
            items = interp_.toVector(values);
        }
    }
    if (items.empty()) {
        if (node.nodelistEmpty)
            renderNodeList(*node.nodelistEmpty, frame, context, out);
        return;
    }
    if (node.isReversed)
        std::reverse(items.begin(), items.end());
    const auto lenValues = static_cast<std::int64_t>(items.size());
    py::DictObject* loop = interp_.newDict();
    interp_.dictSet(loop, engine_.internedKey("parentloop"), parentloop ? *parentloop : py::Value(interp_.newDict()));
    context.set("forloop", loop);
    const py::Value kCounter0 = engine_.internedKey("counter0"), kCounter = engine_.internedKey("counter"),
                    kRev = engine_.internedKey("revcounter"), kRev0 = engine_.internedKey("revcounter0"),
                    kFirst = engine_.internedKey("first"), kLast = engine_.internedKey("last");
    const std::size_t numLoopvars = node.loopvars.size();
    for (std::int64_t i = 0; i < lenValues; ++i) {
        const py::Value item = items[static_cast<std::size_t>(i)];
        interp_.dictSet(loop, kCounter0, py::Value::integer(i));
        interp_.dictSet(loop, kCounter, py::Value::integer(i + 1));
        interp_.dictSet(loop, kRev, py::Value::integer(lenValues - i));
        interp_.dictSet(loop, kRev0, py::Value::integer(lenValues - i - 1));
        interp_.dictSet(loop, kFirst, py::Value::boolean(i == 0));
        interp_.dictSet(loop, kLast, py::Value::boolean(i == lenValues - 1));
        if (numLoopvars > 1) {
            std::int64_t lenItem = 1;
            try {
                lenItem = interp_.len(item);
            } catch (const py::PyException& e) {
                if (!interp_.matches(e, t.TypeError))
                    throw;
            }
            if (static_cast<std::int64_t>(numLoopvars) != lenItem)
                interp_.raise(t.ValueError,
                              fmt::format("Need {} values to unpack in for loop; got {}. ", numLoopvars, lenItem));
            Context::Scope unpacked;
            const std::vector<py::Value> parts = interp_.toVector(item);
            for (std::size_t k = 0; k < numLoopvars && k < parts.size(); ++k)
                unpacked.emplace_back(node.loopvars[k], parts[k]);
            Context::Push pushVars(context, std::move(unpacked));
            renderNodeList(node.nodelistLoop, frame, context, out);
        } else {
            context.set(node.loopvars[0], item);
            renderNodeList(node.nodelistLoop, frame, context, out);
        }
    }
}

py::Value Renderer::evalCondition(const IfCondition& condition, Context& context)
{
    if (condition.op == "literal")
        return resolve(*condition.value, context, true);
    // Operator.eval(): any exception inside makes the operator False.
    try {
        const std::string& op = condition.op;
        if (op == "or") {
            py::Value x = evalCondition(condition.operands[0], context);
            return interp_.truthy(x) ? x : evalCondition(condition.operands[1], context);
        }
        if (op == "and") {
            py::Value x = evalCondition(condition.operands[0], context);
            return interp_.truthy(x) ? evalCondition(condition.operands[1], context) : x;
        }
        if (op == "not")
            return py::Value::boolean(!interp_.truthy(evalCondition(condition.operands[0], context)));
        const py::Value x = evalCondition(condition.operands[0], context);
        const py::Value y = evalCondition(condition.operands[1], context);
        if (op == "in")
            return py::Value::boolean(interp_.contains(y, x));
        if (op == "not in")
            return py::Value::boolean(!interp_.contains(y, x));
        if (op == "is")
            return py::Value::boolean(x.is(y));
        if (op == "is not")
            return py::Value::boolean(!x.is(y));
        py::CompareOp cmp = py::CompareOp::Eq;
        if (op == "==")
            cmp = py::CompareOp::Eq;
        else if (op == "!=")
            cmp = py::CompareOp::NotEq;
        else if (op == "<")
            cmp = py::CompareOp::Lt;
        else if (op == ">")
            cmp = py::CompareOp::Gt;
        else if (op == "<=")
            cmp = py::CompareOp::LtE;
        else if (op == ">=")
            cmp = py::CompareOp::GtE;
        return interp_.compare(cmp, x, y);
    } catch (const py::PyException&) {
        return py::Value::boolean(false);
    }
}

void Renderer::renderIf(const IfNode& node, Frame frame, Context& context, std::string& out)
{
    for (const auto& [condition, nodelist] : node.conditionsNodelists) {
        py::Value match = py::Value::boolean(true);
        if (condition) {
            try {
                match = evalCondition(*condition, context);
            } catch (const py::PyException& e) {
                if (!interp_.matches(e, lib_.variableDoesNotExistClass()))
                    throw;
                match = py::Value();
            }
        }
        if (interp_.truthy(match)) {
            renderNodeList(nodelist, frame, context, out);
            return;
        }
    }
}

std::shared_ptr<const Template> Renderer::selectTemplate(py::Value names)
{
    // template_name = template or (): a str is one name, anything else a sequence of names.
    std::vector<std::string> list;
    if (interp_.truthy(names)) {
        if (const std::string* s = interp_.strOf(names)) {
            list.push_back(*s);
        } else {
            for (py::Value v : interp_.toVector(names))
                list.push_back(interp_.toStr(v));
        }
    }
    if (list.empty())
        lib_.raiseTemplateDoesNotExist("No template names provided");
    for (const std::string& name : list) {
        try {
            if (auto tmpl = engine_.findTemplate(name))
                return tmpl;
        } catch (const TemplateSyntaxError& e) {
            lib_.raiseTemplateSyntaxError(e.what());
        }
    }
    std::string joined;
    for (std::size_t i = 0; i < list.size(); ++i)
        joined += (i ? ", " : "") + list[i];
    lib_.raiseTemplateDoesNotExist(joined);
}

void Renderer::renderInclude(const IncludeNode& node, Frame, Context& context, std::string& out)
{
    const std::shared_ptr<const Template> tmpl = selectTemplate(resolve(node.templateName, context));
    Context::Scope values;
    for (const auto& [name, fe] : node.extraContext)
        values.emplace_back(name, resolve(fe, context));
    if (node.isolatedContext) {
        Context isolated = context.fresh(std::move(values));
        renderTemplate(*tmpl, isolated, out);
        return;
    }
    Context::Push push(context, std::move(values));
    renderTemplate(*tmpl, context, out);
}

void Renderer::renderExtends(const ExtendsNode& node, Frame frame, Context& context, std::string& out)
{
    const py::Value parentValue = resolve(node.parentName, context);
    if (!interp_.truthy(parentValue)) {
        std::string message = fmt::format("Invalid template name in 'extends' tag: {}.", interp_.repr(parentValue));
        if (!node.parentName.filters.empty() || node.parentName.var.kind == Variable::Kind::Lookup)
            message += fmt::format(" Got this from the '{}' variable.", node.parentName.token);
        lib_.raiseTemplateSyntaxError(message);
    }
    const std::string parentName = interp_.toStr(parentValue);
    RenderState& state = *frame.state;
    if (state.extendsHistory.empty())
        state.extendsHistory.push_back(frame.tmpl->name);
    // find_template(name, skip=history): a template never extends itself.
    for (const std::string& seen : state.extendsHistory)
        if (seen == parentName)
            lib_.raiseTemplateDoesNotExist(parentName);
    std::shared_ptr<const Template> parent;
    try {
        parent = engine_.findTemplate(parentName);
    } catch (const TemplateSyntaxError& e) {
        lib_.raiseTemplateSyntaxError(e.what());
    }
    if (!parent)
        lib_.raiseTemplateDoesNotExist(parentName);
    state.extendsHistory.push_back(parentName);

    if (!state.blockContext)
        state.blockContext = std::make_unique<BlockContext>();
    auto addBlocks = [&](const std::map<std::string, BlockRef>& blocks) {
        for (const auto& [name, ref] : blocks) {
            auto& stack = state.blockContext->blocks[name];
            stack.insert(stack.begin(), ref);
        }
    };
    std::map<std::string, BlockRef> own;
    collectBlocks(node.nodelist, frame.tmpl, own);
    addBlocks(own);
    for (const Node& n : parent->nodelist) {
        if (std::holds_alternative<TextNode>(n.data))
            continue;
        if (!std::holds_alternative<ExtendsNode>(n.data)) {
            std::map<std::string, BlockRef> root;
            collectBlocks(parent->nodelist, parent.get(), root);
            addBlocks(root);
        }
        break;
    }
    DepthScope depth(depth_, interp_, engine_.options().maxTemplateDepth);
    renderNodeList(parent->nodelist, Frame{parent.get(), frame.state}, context, out);
}

void Renderer::renderBlock(const BlockRef& self, Frame frame, Context& context, std::string& out)
{
    BlockContext* blocks = frame.state->blockContext.get();
    Context::Push push(context);
    if (!blocks) {
        context.set("block", interp_.make<BlockObject>(lib_, *this, self, frame, &context, false));
        renderNodeList(self.block->nodelist, Frame{self.tmpl, frame.state}, context, out);
        return;
    }
    const std::optional<BlockRef> popped = blocks->pop(self.block->name);
    const BlockRef block = popped ? *popped : self;
    context.set("block", interp_.make<BlockObject>(lib_, *this, block, frame, &context, true));
    renderNodeList(block.block->nodelist, Frame{block.tmpl, frame.state}, context, out);
    if (popped)
        blocks->push(self.block->name, *popped);
}

void Renderer::renderUrl(const URLNode& node, Context& context, std::string& out)
{
    std::vector<py::Value> args;
    for (const FilterExpression& fe : node.args)
        args.push_back(resolve(fe, context));
    RenderHooks::Kwargs kwargs;
    for (const auto& [name, fe] : node.kwargs)
        kwargs.emplace_back(name, resolve(fe, context));
    const py::Value viewName = resolve(node.viewName, context);
    std::string url;
    try {
        url = hooks_.reverse(interp_, viewName, args, kwargs);
    } catch (const py::PyException& e) {
        if (!node.asvar || !classNamed(e.exception()->cls(), "NoReverseMatch"))
            throw;
    }
    if (node.asvar) {
        context.set(*node.asvar, interp_.newStr(std::move(url)));
        return;
    }
    if (context.autoescape)
        html::appendEscaped(out, url);
    else
        out += url;
}

void Renderer::renderCsrfToken(Context& context, std::string& out)
{
    const std::optional<py::Value> token = context.find("csrf_token");
    if (!token || !interp_.truthy(*token))
        return;
    const std::string text = interp_.toStr(*token);
    if (text == "NOTPROVIDED")
        return;
    out += "<input type=\"hidden\" name=\"csrfmiddlewaretoken\" value=\"";
    if (lib_.isSafe(*token))
        out += text;
    else
        html::appendEscaped(out, text);
    out += "\">";
}

void Renderer::renderCache(const CacheNode& node, Frame frame, Context& context, std::string& out)
{
    const py::Types& t = interp_.types();
    py::Value expire = resolve(node.expireTimeVar, context);
    std::optional<std::int64_t> timeout;
    if (!expire.isNone()) {
        try {
            timeout = interp_.call(py::Value(t.int_), {expire}).asInt();
        } catch (const py::PyException& e) {
            if (!interp_.matches(e, t.ValueError) && !interp_.matches(e, t.TypeError))
                throw;
            lib_.raiseTemplateSyntaxError(
                fmt::format("\"cache\" tag got a non-integer timeout value: {}", interp_.repr(expire)));
        }
    }
    std::optional<std::string> cacheName;
    if (node.cacheName) {
        const py::Value name = resolve(*node.cacheName, context);
        cacheName = interp_.toStr(name);
        if (!hooks_.hasCache(*cacheName))
            lib_.raiseTemplateSyntaxError(
                fmt::format("Invalid cache name specified for cache tag: {}", interp_.repr(name)));
    }
    std::vector<std::string> varyOn;
    for (const FilterExpression& fe : node.varyOn)
        varyOn.push_back(interp_.toStr(resolve(fe, context)));
    const std::string key = makeTemplateFragmentKey(node.fragmentName, varyOn);
    const std::optional<py::Value> cached = hooks_.cacheGet(interp_, cacheName, key);
    if (cached && !cached->isNone()) {
        out += interp_.toStr(*cached);
        return;
    }
    std::string fragment;
    renderNodeList(node.nodelist, frame, context, fragment);
    hooks_.cacheSet(interp_, cacheName, key, lib_.markSafe(fragment), timeout);
    out += fragment;
}

void Renderer::renderNow(const NowNode& node, Context& context, std::string& out)
{
    const DateParts now = hooks_.now();
    std::string formatted;
    try {
        formatted = DateFormat::dateFormat(now, node.formatString);
    } catch (const DateFormatTypeError& e) {
        interp_.raise(interp_.types().TypeError, e.what());
    }
    if (node.asvar) {
        context.set(*node.asvar, interp_.newStr(std::move(formatted)));
        return;
    }
    out += formatted;
}

void Renderer::renderFirstOf(const FirstOfNode& node, Context& context, std::string& out)
{
    std::pair<std::string, bool> first{std::string(), false};
    for (const FilterExpression& fe : node.vars) {
        const py::Value value = resolve(fe, context, true);
        if (interp_.truthy(value)) {
            first = renderValue(value, context);
            break;
        }
    }
    if (node.asvar) {
        context.set(*node.asvar, first.second ? lib_.markSafe(std::move(first.first)) : interp_.newStr(std::move(first.first)));
        return;
    }
    out += first.first;
}

void Renderer::renderCycle(const Node& node, const CycleNode& cycle, Frame frame, Context& context, std::string& out)
{
    if (cycle.cyclevars.empty())
        return;
    std::size_t& position = cycle.variableName ? frame.state->namedCycles[*cycle.variableName]
                                               : frame.state->cycles[&node];
    const FilterExpression& fe = cycle.cyclevars[position % cycle.cyclevars.size()];
    ++position;
    const py::Value value = resolve(fe, context);
    if (cycle.variableName)
        context.setUpward(*cycle.variableName, value);
    if (cycle.silent)
        return;
    appendValue(value, context, out);
}

} // namespace pipelab::django::templates
