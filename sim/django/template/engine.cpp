// Engine: the template cache, contexts as make_context() builds them, and Template objects for
// Python code.
#include "sim/django/template/engine.h"

#include "sim/django/template/parser.h"
#include "sim/django/template/renderer.h"
#include "sim/python/interpreter.h"

namespace pipelab::django::templates {

namespace {

// django.template.backends.django.Template: what get_template() returns to Python code.
class TemplateObject final : public py::Object {
public:
    TemplateObject(py::ClassObject* cls, Engine& engine, std::string name)
        : Object(cls), engine_(engine), name_(std::move(name))
    {
    }

    std::optional<py::Value> getAttr(py::Interpreter& interp, std::string_view attr) override
    {
        if (attr == "name" || attr == "template_name")
            return interp.newStr(name_);
        if (attr != "render")
            return std::nullopt;
        Engine* engine = &engine_;
        std::string name = name_;
        return py::Value(interp.newFunction("render", [engine, name](py::Interpreter& ip, py::CallArgs& args) {
            static const py::Signature sig("render", {"context=", "request="});
            const py::BoundArgs bound = py::bind(ip, args, sig);
            const std::shared_ptr<const Template> tmpl = engine->getTemplate(name);
            Context context = engine->makeContext(bound.get(0), bound.get(1));
            return engine->library().markSafe(engine->render(*tmpl, context));
        }));
    }
    std::optional<std::string> repr(py::Interpreter&) override { return "<django.template.backends.django.Template>"; }

private:
    Engine& engine_;
    std::string name_;
};

} // namespace

Engine::Engine(py::Interpreter& interp, TemplateLoader loader, RenderHooks& hooks, EngineOptions options)
    : interp_(interp), loader_(std::move(loader)), hooks_(hooks), options_(options), library_(interp),
      filters_(library_)
{
}

Engine::~Engine() = default;

std::shared_ptr<const Template> Engine::findTemplate(std::string_view name)
{
    auto it = cache_.find(name);
    if (it == cache_.end()) {
        Entry entry;
        if (std::optional<TemplateSource> source = loader_ ? loader_(name) : std::nullopt) {
            auto tmpl = std::make_shared<Template>();
            tmpl->name = std::string(name);
            tmpl->firstLine = source->firstLine;
            ParseOptions parseOptions;
            parseOptions.templateName = tmpl->name;
            try {
                tmpl->nodelist = parseTemplate(source->source, parseOptions);
                entry.tmpl = std::move(tmpl);
            } catch (const TemplateSyntaxError& e) {
                entry.error = e;
            }
        }
        it = cache_.emplace(std::string(name), std::move(entry)).first;
    }
    if (it->second.error)
        throw *it->second.error;
    return it->second.tmpl;
}

std::shared_ptr<const Template> Engine::getTemplate(std::string_view name)
{
    std::shared_ptr<const Template> tmpl;
    try {
        tmpl = findTemplate(name);
    } catch (const TemplateSyntaxError& e) {
        library_.raiseTemplateSyntaxError(e.what());
    }
    if (!tmpl)
        library_.raiseTemplateDoesNotExist(std::string(name));
    return tmpl;
}

Context Engine::makeContext(py::Value context, py::Value request)
{
    Context c(true);
    if (!context.isNone() && !context.as<py::DictObject>())
        interp_.raise(interp_.types().TypeError,
                      "context must be a dict rather than " + interp_.typeName(context) + ".");
    if (!request.isNone())
        c.push(hooks_.contextProcessors(interp_, request));
    Context::Scope values;
    if (auto* dict = context.as<py::DictObject>()) {
        for (const auto& entry : dict->table.entries())
            if (entry.live)
                if (const std::string* key = interp_.strOf(entry.key))
                    values.emplace_back(*key, entry.value);
    }
    c.push(std::move(values));
    return c;
}

std::string Engine::render(const Template& tmpl, Context& context)
{
    Renderer renderer(*this);
    std::string out;
    renderer.renderTemplate(tmpl, context, out);
    return out;
}

std::string Engine::renderToString(std::string_view name, py::Value context, py::Value request)
{
    const std::shared_ptr<const Template> tmpl = getTemplate(name);
    Context c = makeContext(context, request);
    return render(*tmpl, c);
}

py::Value Engine::templateObject(std::string_view name)
{
    getTemplate(name);
    return interp_.make<TemplateObject>(library_.templateClass(), *this, std::string(name));
}

py::Value Engine::internedKey(std::string_view name)
{
    auto it = keys_.find(std::string(name));
    if (it != keys_.end())
        return it->second;
    py::Value key = interp_.newStr(std::string(name));
    interp_.addRoot(key);
    keys_.emplace(std::string(name), key);
    return key;
}

} // namespace pipelab::django::templates
