// The built-in middleware of the startproject MIDDLEWARE list, importable by their Django paths
// (django.middleware.security.SecurityMiddleware, ...), with django.utils.deprecation's
// MiddlewareMixin, django.middleware.csrf's token functions and django.contrib.auth's get_user.
// They are written in the Python subset, following Django 3.2 line by line (plus the current
// Django behaviours the conformance harness normalises: Cross-Origin-Opener-Policy, the
// APPEND_SLASH redirect after a 404 only, ImproperlyConfigured for auth without sessions), so the
// handler builds one chain of Python callables from them and from scenario middleware alike.
#pragma once

#include "sim/django/middleware/sessiondatabase.h"

namespace pipelab::py {
class Interpreter;
}

namespace pipelab::django::middleware {

// Needs django.conf (settings), django.http, django.urls (its _append_slash_match), and
// django.contrib.auth.models (User) registered first.
void installMiddlewareModules(py::Interpreter& interp, SessionDatabase& sessions);

} // namespace pipelab::django::middleware
