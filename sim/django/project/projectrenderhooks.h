// ProjectRenderHooks: the template renderer's view of the project. Each node's render is
// bracketed on the RequestRecorder (so a query sent while `{{ order.product.name }}` renders is
// attributed to that template line), {% url %} reverses through the project's URLconf, and a
// RequestContext gets the startproject context processors (csrf, debug, request, auth,
// messages) with `user`, `perms` and `csrf_token` lazy, as in Django; timezone.now() is the
// project's simulated clock.
#pragma once

#include "sim/django/http/simulatedclock.h"
#include "sim/django/template/renderhooks.h"

namespace pipelab::django {
class RequestRecorder;
}

namespace pipelab::django::project {

class ProjectRenderHooks final : public templates::RenderHooks {
public:
    ProjectRenderHooks(py::Interpreter& interp, RequestRecorder& recorder, const http::SimulatedClock& clock)
        : interp_(interp), recorder_(recorder), clock_(clock)
    {
    }

    void nodeStarted(const templates::Template& tmpl, const templates::Node& node) override;
    void nodeFinished(const templates::Template& tmpl, const templates::Node& node) override;
    std::string reverse(py::Interpreter& interp, py::Value viewName, const std::vector<py::Value>& args,
                        const Kwargs& kwargs) override;
    Kwargs contextProcessors(py::Interpreter& interp, py::Value request) override;
    templates::DateParts now() override;
    // {% cache %}: CacheNode.render's fragment_cache (caches[name], else
    // caches['template_fragments'], else caches['default']) and its get/set, so fragments take
    // the scenario's backend (its SQL for the database cache) and the simulated clock. A
    // timeout of nullopt (`{% cache None ... %}`) is passed on as None, as CacheNode does:
    // the fragment never expires.
    std::optional<py::Value> cacheGet(py::Interpreter& interp, const std::optional<std::string>& cacheName,
                                      const std::string& key) override;
    void cacheSet(py::Interpreter& interp, const std::optional<std::string>& cacheName, const std::string& key,
                  py::Value value, std::optional<std::int64_t> timeout) override;
    bool hasCache(const std::string& cacheName) override;

private:
    py::Value fragmentCache(py::Interpreter& interp, const std::optional<std::string>& cacheName);

    py::Interpreter& interp_;
    RequestRecorder& recorder_;
    const http::SimulatedClock& clock_;
};

} // namespace pipelab::django::project
