// Engine: django.template.Engine for one project — loads templates by name through the loader
// it is given, parses each once and caches it (a project's templates are parsed once and reused
// by every request), and renders: renderToString() is django.template.loader.render_to_string.
// It also hands Python code Template objects (get_template(name).render(context, request)).
//
// Errors reach callers as Python exceptions (py::PyException): TemplateDoesNotExist,
// TemplateSyntaxError, VariableDoesNotExist, NoReverseMatch and whatever scenario code called
// from the template raised; budget overruns as py::BudgetExceeded. findTemplate() is the
// exception: it throws the C++ TemplateSyntaxError with its line, for `check`.
#pragma once

#include "sim/django/template/context.h"
#include "sim/django/template/filters.h"
#include "sim/django/template/renderhooks.h"
#include "sim/django/template/template.h"
#include "sim/django/template/templatelibrary.h"
#include "sim/django/template/templatesyntaxerror.h"

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace pipelab::py {
class Interpreter;
}

namespace pipelab::django::templates {

struct TemplateSource {
    std::string source;
    int firstLine = 1; // the YAML line the template's first line sits on
};
// The scenario's `templates` mapping: the source of a template name, or nullopt.
using TemplateLoader = std::function<std::optional<TemplateSource>(std::string_view name)>;

struct EngineOptions {
    // {% include %} / {% extends %} nesting beyond this is a RecursionError, not a stack overflow.
    int maxTemplateDepth = 50;
    // A render producing more than this is stopped with BudgetExceeded.
    std::size_t maxOutputBytes = 16u << 20;
};

class Engine {
public:
    // `hooks` must outlive the engine; the engine must outlive every render (Template objects
    // handed to Python refer to it).
    Engine(py::Interpreter& interp, TemplateLoader loader, RenderHooks& hooks, EngineOptions options = {});
    ~Engine();
    Engine(const Engine&) = delete;
    Engine& operator=(const Engine&) = delete;

    // The parsed template, cached; nullptr when the loader does not know the name. Throws
    // TemplateSyntaxError (C++) when it does not parse (the failure is cached too).
    std::shared_ptr<const Template> findTemplate(std::string_view name);
    // get_template(): as findTemplate, but raises Python's TemplateDoesNotExist /
    // TemplateSyntaxError.
    std::shared_ptr<const Template> getTemplate(std::string_view name);

    // render_to_string(name, context, request): `context` is a dict (or None); with a request,
    // the hooks' context processors run first, as RequestContext does.
    std::string renderToString(std::string_view name, py::Value context = {}, py::Value request = {});
    // Template.render(context) of a parsed template with a ready Context.
    std::string render(const Template& tmpl, Context& context);
    // Context for render(): builtins, context processors (when request is not None), then the dict.
    Context makeContext(py::Value context, py::Value request);

    // A Python object for get_template(name): `.render(context=None, request=None)` and `.name`.
    py::Value templateObject(std::string_view name);

    py::Interpreter& interpreter() const { return interp_; }
    const TemplateLibrary& library() const { return library_; }
    const Filters& filters() const { return filters_; }
    RenderHooks& hooks() const { return hooks_; }
    const EngineOptions& options() const { return options_; }

    // A str value for a name used as a dict key in lookups, created once and kept alive.
    py::Value internedKey(std::string_view name);

private:
    struct Entry {
        std::shared_ptr<const Template> tmpl;
        std::optional<TemplateSyntaxError> error;
    };

    py::Interpreter& interp_;
    TemplateLoader loader_;
    RenderHooks& hooks_;
    EngineOptions options_;
    TemplateLibrary library_;
    Filters filters_;
    std::map<std::string, Entry, std::less<>> cache_;
    std::unordered_map<std::string, py::Value> keys_;
};

} // namespace pipelab::django::templates
