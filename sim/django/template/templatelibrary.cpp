// TemplateLibrary: creates the classes once per interpreter and keeps them rooted.
#include "sim/django/template/templatelibrary.h"

#include "sim/python/interpreter.h"

namespace pipelab::django::templates {

namespace {

py::ModuleObject* moduleNamed(py::Interpreter& interp, const std::string& name)
{
    if (py::ModuleObject* m = interp.findModule(name))
        return m;
    return interp.newModule(name, "django");
}

// Reuses a class the embedder already put in the module (so `except TemplateDoesNotExist`
// in scenario code and the renderer agree), else creates and publishes it.
py::ClassObject* exceptionClass(py::Interpreter& interp, py::ModuleObject* module, const std::string& name,
                                py::ClassObject* base)
{
    if (py::Value* v = module->globals.find(name))
        if (auto* c = v->as<py::ClassObject>())
            return c;
    py::ClassObject* c = interp.newExceptionClass(name, base, module->name);
    module->globals.set(name, c);
    return c;
}

} // namespace

TemplateLibrary::TemplateLibrary(py::Interpreter& interp) : interp_(interp)
{
    const py::Types& t = interp.types();

    py::ModuleObject* safestring = moduleNamed(interp, "django.utils.safestring");
    if (py::Value* v = safestring->globals.find("SafeString"); v && v->as<py::ClassObject>()) {
        safeString_ = v->as<py::ClassObject>();
    } else {
        safeString_ = interp.newClass("SafeString", {t.str}, "django.utils.safestring");
        // SafeString(x) behaves like str(x) but stays safe; __str__ returns self as in Django.
        safeString_->construct = [](py::Interpreter& ip, py::ClassObject* cls, py::CallArgs& args) -> py::Value {
            std::string text = args.size() ? ip.toStr(args[0]) : std::string();
            ip.checkStringSize(text.size());
            return ip.make<py::StrObject>(cls, std::move(text));
        };
        safestring->globals.set("SafeString", safeString_);
        safestring->globals.set("SafeData", safeString_);
        py::ClassObject* cls = safeString_;
        safestring->globals.set(
            "mark_safe", interp.newFunction("mark_safe", [cls](py::Interpreter& ip, py::CallArgs& args) -> py::Value {
                if (args.size() != 1)
                    ip.raise(ip.types().TypeError, "mark_safe() takes 1 positional argument");
                if (ip.typeOf(args[0])->isSubclassOf(cls))
                    return args[0];
                return ip.make<py::StrObject>(cls, ip.toStr(args[0]));
            }));
    }

    py::ModuleObject* exceptions = moduleNamed(interp, "django.template");
    variableDoesNotExist_ = exceptionClass(interp, exceptions, "VariableDoesNotExist", t.Exception);
    templateDoesNotExist_ = exceptionClass(interp, exceptions, "TemplateDoesNotExist", t.Exception);
    templateSyntaxError_ = exceptionClass(interp, exceptions, "TemplateSyntaxError", t.Exception);

    date_ = interp.newClass("date", {}, "datetime");
    dateTime_ = interp.newClass("datetime", {date_}, "datetime");
    blockNode_ = interp.newClass("BlockNode", {}, "django.template.loader_tags");
    template_ = interp.newClass("Template", {}, "django.template.backends.django");
    interp.addRoot(blockNode_);
    interp.addRoot(template_);
    interp.addRoot(safeString_);
    interp.addRoot(variableDoesNotExist_);
    interp.addRoot(templateDoesNotExist_);
    interp.addRoot(templateSyntaxError_);
    interp.addRoot(date_);
    interp.addRoot(dateTime_);
}

py::Value TemplateLibrary::markSafe(std::string text) const
{
    interp_.checkStringSize(text.size());
    return interp_.make<py::StrObject>(safeString_, std::move(text));
}

bool TemplateLibrary::isSafe(py::Value v) const
{
    py::Object* o = v.asObject();
    return o && o->cls()->isSubclassOf(safeString_);
}

py::Value TemplateLibrary::newDate(int year, int month, int day) const
{
    DateParts p;
    p.year = year;
    p.month = month;
    p.day = day;
    return interp_.make<DateTimeObject>(date_, p);
}

py::Value TemplateLibrary::newDateTime(const DateParts& parts) const
{
    DateParts p = parts;
    p.hasTime = true;
    return interp_.make<DateTimeObject>(dateTime_, p);
}

std::optional<DateParts> TemplateLibrary::dateParts(py::Value v) const
{
    if (auto* d = dynamic_cast<DateTimeObject*>(v.asObject()))
        return d->parts;
    if (!v.isObject() || interp_.strOf(v))
        return std::nullopt;
    auto field = [&](std::string_view name) -> std::optional<int> {
        std::optional<py::Value> f;
        try {
            f = interp_.findAttr(v, name);
        } catch (const py::PyException&) {
            return std::nullopt;
        }
        if (!f || !f->isInt())
            return std::nullopt;
        return static_cast<int>(f->asInt());
    };
    const auto year = field("year"), month = field("month"), day = field("day");
    if (!year || !month || !day || *month < 1 || *month > 12 || *day < 1 || *day > 31)
        return std::nullopt;
    DateParts p;
    p.year = *year;
    p.month = *month;
    p.day = *day;
    if (const auto hour = field("hour")) {
        p.hasTime = true;
        p.hour = *hour;
        p.minute = field("minute").value_or(0);
        p.second = field("second").value_or(0);
    }
    return p;
}

void TemplateLibrary::raiseVariableDoesNotExist(const std::string& message) const
{
    interp_.raise(variableDoesNotExist_, message);
}

void TemplateLibrary::raiseTemplateDoesNotExist(const std::string& name) const
{
    interp_.raise(templateDoesNotExist_, name);
}

void TemplateLibrary::raiseTemplateSyntaxError(const std::string& message) const
{
    interp_.raise(templateSyntaxError_, message);
}

} // namespace pipelab::django::templates
