// The importable django.http package (requests, QueryDict, the HttpResponse family,
// JsonResponse, Http404) and django.utils.cache's header helpers, as scenario code and the
// built-in middleware use them. The classes are written in the Python subset, mirroring
// django/http/request.py and response.py, so user code can subclass them and the middleware
// chain treats them exactly as Django does; text encoding helpers are native.
#pragma once

#include "sim/django/http/simulatedclock.h"

#include <string>
#include <string_view>

namespace pipelab::py {
class Interpreter;
}

namespace pipelab::django::http {

// Registers django.http, django.http.request, django.http.response, django.utils.cache,
// django.utils.encoding and django.utils.functional. Needs django.core.exceptions
// (ImproperlyConfigured, SuspiciousOperation) to exist already. `clock` must outlive the
// interpreter: Expires headers read it.
void installHttpModules(py::Interpreter& interp, const SimulatedClock& clock);

// Percent-encodes what django.utils.encoding.iri_to_uri() encodes.
std::string iriToUri(std::string_view iri);
// urllib.parse.quote(text, safe).
std::string quote(std::string_view text, std::string_view safe);
// urllib.parse.unquote(text) (UTF-8).
std::string unquote(std::string_view text);

} // namespace pipelab::django::http
