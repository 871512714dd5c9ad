// ProjectRenderHooks: the template renderer's view of the project. Each node's render is
// bracketed on the RequestRecorder (so a query sent while `{{ order.product.name }}` renders is
// attributed to that template line), {% url %} reverses through the project's URLconf, and a
// RequestContext gets the startproject context processors (csrf, debug, request, auth,
// messages) with `user`, `perms` and `csrf_token` lazy, as in Django.
#pragma once

#include "sim/django/template/renderhooks.h"

namespace pipelab::django {
class RequestRecorder;
}

namespace pipelab::django::project {

class ProjectRenderHooks final : public templates::RenderHooks {
public:
    explicit ProjectRenderHooks(RequestRecorder& recorder) : recorder_(recorder) {}

    void nodeStarted(const templates::Template& tmpl, const templates::Node& node) override;
    void nodeFinished(const templates::Template& tmpl, const templates::Node& node) override;
    std::string reverse(py::Interpreter& interp, py::Value viewName, const std::vector<py::Value>& args,
                        const Kwargs& kwargs) override;
    Kwargs contextProcessors(py::Interpreter& interp, py::Value request) override;

private:
    RequestRecorder& recorder_;
};

} // namespace pipelab::django::project
