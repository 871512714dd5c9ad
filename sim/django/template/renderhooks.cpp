// RenderHooks: the default reverse() of a project without a URLconf.
#include "sim/django/template/renderhooks.h"

#include "sim/python/interpreter.h"

namespace pipelab::django::templates {

std::string RenderHooks::reverse(py::Interpreter& interp, py::Value viewName, const std::vector<py::Value>&,
                                 const Kwargs&)
{
    py::ClassObject* noReverseMatch = nullptr;
    if (py::ModuleObject* urls = interp.findModule("django.urls"))
        if (py::Value* v = urls->globals.find("NoReverseMatch"))
            noReverseMatch = v->as<py::ClassObject>();
    if (!noReverseMatch)
        noReverseMatch = interp.newExceptionClass("NoReverseMatch", interp.types().Exception, "django.urls");
    interp.raise(noReverseMatch, "Reverse for '" + interp.toStr(viewName) +
                                     "' not found. '" + interp.toStr(viewName) +
                                     "' is not a valid view function or pattern name.");
}

} // namespace pipelab::django::templates
