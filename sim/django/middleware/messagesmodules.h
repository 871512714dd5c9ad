// django.contrib.messages: the api (add_message, debug ... error, get_messages, get_level,
// set_level), Message, the storages of Django 3.2 (CookieStorage, SessionStorage and the default
// FallbackStorage: the signed "messages" cookie first, the session's "_messages" for what does
// not fit in 2048 bytes) and MessageMiddleware. Written in the Python subset following Django
// line by line; the cookie is signed as Django signs it (TimestampSigner with the cookie salt, JSON with
// MessageEncoder's compact form, zlib when shorter), so its length, which decides the fallback to
// the session, is Django's. As in current Django, SessionStorage without a session raises
// ImproperlyConfigured (3.2 asserts; the conformance harness normalises it).
#pragma once

namespace pipelab::py {
class Interpreter;
}

namespace pipelab::django::http {
class SimulatedClock;
}

namespace pipelab::django::middleware {

// Needs django.conf, django.core.exceptions and django.http registered first; the cookie's
// timestamp reads `clock`.
void installMessagesModules(py::Interpreter& interp, const http::SimulatedClock& clock);

} // namespace pipelab::django::middleware
