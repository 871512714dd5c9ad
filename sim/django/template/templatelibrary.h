// TemplateLibrary: the Python-visible types the template layer needs in one interpreter —
// SafeString (django.utils.safestring: a str subclass, so it is a str everywhere in Python code
// and concatenation gives a plain str, as in Django), mark_safe, the template exceptions
// (VariableDoesNotExist, TemplateDoesNotExist, TemplateSyntaxError) and datetime.date /
// datetime.datetime. install() registers the modules `django.utils.safestring`,
// `django.template` and `datetime` unless the embedder registered them already.
#pragma once

#include "sim/django/template/datetimeobject.h"
#include "sim/python/value.h"

#include <string>
#include <string_view>

namespace pipelab::py {
class Interpreter;
class ClassObject;
}

namespace pipelab::django::templates {

class TemplateLibrary {
public:
    explicit TemplateLibrary(py::Interpreter& interp);

    py::Interpreter& interpreter() const { return interp_; }

    // mark_safe(text): a SafeString.
    py::Value markSafe(std::string text) const;
    // isinstance(v, SafeData).
    bool isSafe(py::Value v) const;

    py::Value newDate(int year, int month, int day) const;
    py::Value newDateTime(const DateParts& parts) const;
    // The fields of a date/datetime: a DateTimeObject, or any object with year/month/day
    // attributes (hour/minute/second when present). nullopt for anything else.
    std::optional<DateParts> dateParts(py::Value v) const;

    [[noreturn]] void raiseVariableDoesNotExist(const std::string& message) const;
    [[noreturn]] void raiseTemplateDoesNotExist(const std::string& name) const;
    [[noreturn]] void raiseTemplateSyntaxError(const std::string& message) const;

    py::ClassObject* safeStringClass() const { return safeString_; }
    py::ClassObject* variableDoesNotExistClass() const { return variableDoesNotExist_; }
    py::ClassObject* templateDoesNotExistClass() const { return templateDoesNotExist_; }
    py::ClassObject* templateSyntaxErrorClass() const { return templateSyntaxError_; }
    py::ClassObject* dateClass() const { return date_; }
    py::ClassObject* dateTimeClass() const { return dateTime_; }
    // The classes of the native objects the renderer hands to Python: `block` in a block's
    // context and the Template objects of Engine::templateObject().
    py::ClassObject* blockNodeClass() const { return blockNode_; }
    py::ClassObject* templateClass() const { return template_; }

private:
    py::Interpreter& interp_;
    py::ClassObject* safeString_ = nullptr;
    py::ClassObject* variableDoesNotExist_ = nullptr;
    py::ClassObject* templateDoesNotExist_ = nullptr;
    py::ClassObject* templateSyntaxError_ = nullptr;
    py::ClassObject* date_ = nullptr;
    py::ClassObject* dateTime_ = nullptr;
    py::ClassObject* blockNode_ = nullptr;
    py::ClassObject* template_ = nullptr;
};

} // namespace pipelab::django::templates
