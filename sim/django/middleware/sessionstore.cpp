// SessionStore (see sessionstore.h), following django/contrib/sessions/backends/base.py and db.py.
#include "sim/django/middleware/sessionstore.h"

#include "sim/django/http/jsonencoding.h"
#include "sim/python/interpreter.h"

namespace pipelab::django::middleware {

namespace {

constexpr std::int64_t kSessionCookieAge = 1209600; // two weeks, Django's default

std::optional<std::string> validKey(std::optional<std::string> key)
{
    // SessionBase._validate_session_key: a key shorter than 8 characters is no key.
    if (key && key->size() >= 8)
        return key;
    return std::nullopt;
}

py::ClassObject* sessionError(py::Interpreter& interp, const char* name)
{
    py::ModuleObject* base = interp.findModule("django.contrib.sessions.backends.base");
    const py::Value* cls = base ? base->globals.find(name) : nullptr;
    return cls ? cls->as<py::ClassObject>() : interp.types().Exception;
}

} // namespace

SessionStore::SessionStore(py::ClassObject* cls, SessionDatabase& database, std::optional<std::string> sessionKey)
    : Object(cls), database_(database), key_(validKey(std::move(sessionKey)))
{
}

void SessionStore::trace(py::Tracer& t)
{
    if (cache_)
        t.visit(static_cast<py::Object*>(cache_));
}

py::DictObject* SessionStore::session(py::Interpreter& interp, bool noLoad)
{
    accessed_ = true;
    if (cache_)
        return cache_;
    cache_ = interp.newDict();
    if (!key_ || noLoad)
        return cache_;
    // load(): a missing or expired row leaves an empty session and forgets the key.
    const std::optional<std::string> json = database_.load(*key_);
    if (!json) {
        key_.reset();
        return cache_;
    }
    const py::Value data = http::jsonToPython(interp, nlohmann::ordered_json::parse(*json));
    if (auto* dict = data.as<py::DictObject>())
        cache_ = dict;
    return cache_;
}

bool SessionStore::isEmpty() const
{
    // `not self._session_key and not self._session_cache`: an unloaded cache counts as empty.
    if (key_)
        return false;
    return !cache_ || cache_->table.size() == 0;
}

void SessionStore::save(py::Interpreter& interp, bool mustCreate)
{
    if (!key_) {
        create(interp);
        return;
    }
    py::DictObject* data = session(interp, mustCreate);
    const std::string json = http::jsonDumps(interp, data, true);
    if (mustCreate) {
        if (!database_.insert(*key_, json))
            interp.raise(sessionError(interp, "CreateError"), "");
    } else if (!database_.update(*key_, json)) {
        interp.raise(sessionError(interp, "UpdateError"), "");
    }
}

void SessionStore::create(py::Interpreter& interp)
{
    for (;;) {
        std::string key;
        do {
            key = database_.newKey();
        } while (database_.exists(key));
        key_ = key;
        // save(must_create=True) keeps the session loaded so far (no_load only skips loading).
        if (!cache_)
            cache_ = interp.newDict();
        const std::string json = http::jsonDumps(interp, cache_, true);
        accessed_ = true;
        if (!database_.insert(key, json))
            continue;
        modified_ = true;
        return;
    }
}

void SessionStore::remove(std::optional<std::string> key)
{
    if (!key) {
        if (!key_)
            return;
        key = key_;
    }
    database_.remove(*key);
}

void SessionStore::cycleKey(py::Interpreter& interp)
{
    py::DictObject* data = session(interp);
    const std::optional<std::string> old = key_;
    create(interp);
    cache_ = data;
    if (old)
        remove(old);
}

void SessionStore::flush(py::Interpreter& interp)
{
    cache_ = interp.newDict();
    accessed_ = modified_ = true;
    remove(std::nullopt);
    key_.reset();
}

py::Value SessionStore::method(py::Interpreter& interp, std::string_view name)
{
    const std::string n(name);
    return interp.newFunction(
        n,
        [n](py::Interpreter& ip, py::CallArgs& a) -> py::Value {
            auto* self = static_cast<SessionStore*>(a.captured(0).asObject());
            auto arg = [&](std::size_t i, py::Value fallback = py::Value()) {
                return i < a.args.size() ? a.args[i] : fallback;
            };
            if (n == "get") {
                const std::optional<py::Value> v = ip.dictGet(self->session(ip), arg(0));
                return v ? *v : arg(1);
            }
            if (n == "pop") {
                py::DictObject* d = self->session(ip);
                const std::optional<py::Value> v = ip.dictGet(d, arg(0));
                self->modified_ = self->modified_ || v.has_value();
                if (v) {
                    d->table.erase(ip, arg(0));
                    return *v;
                }
                if (a.args.size() < 2)
                    ip.raise(ip.types().KeyError, ip.repr(arg(0)));
                return arg(1);
            }
            if (n == "setdefault") {
                py::DictObject* d = self->session(ip);
                if (const std::optional<py::Value> v = ip.dictGet(d, arg(0)))
                    return *v;
                self->modified_ = true;
                ip.dictSet(d, arg(0), arg(1));
                return arg(1);
            }
            if (n == "update") {
                py::DictObject* d = self->session(ip);
                ip.callMethod(d, "update", {arg(0)});
                self->modified_ = true;
                return {};
            }
            if (n == "has_key")
                return py::Value::boolean(ip.dictGet(self->session(ip), arg(0)).has_value());
            if (n == "keys" || n == "values" || n == "items")
                return ip.callMethod(self->session(ip), n);
            if (n == "clear") {
                self->cache_ = ip.newDict();
                self->accessed_ = self->modified_ = true;
                return {};
            }
            if (n == "is_empty")
                return py::Value::boolean(self->isEmpty());
            if (n == "flush") {
                self->flush(ip);
                return {};
            }
            if (n == "cycle_key") {
                self->cycleKey(ip);
                return {};
            }
            if (n == "save") {
                const py::Value* must = a.kwarg("must_create");
                self->save(ip, ip.truthy(must ? *must : arg(0, py::Value::boolean(false))));
                return {};
            }
            if (n == "create") {
                self->create(ip);
                return {};
            }
            if (n == "delete") {
                const py::Value key = arg(0);
                self->remove(key.isNone() ? std::nullopt : std::optional<std::string>(ip.toStr(key)));
                return {};
            }
            if (n == "exists")
                return py::Value::boolean(self->database_.exists(ip.expectStr(arg(0), "session_key")));
            if (n == "get_expiry_age")
                return py::Value::integer(kSessionCookieAge);
            if (n == "get_expire_at_browser_close")
                return py::Value::boolean(false);
            if (n == "set_expiry")
                ip.raise(ip.types().NotImplementedError, "PipeLab does not simulate session.set_expiry() yet");
            return {};
        },
        {py::Value(this)});
}

std::optional<py::Value> SessionStore::getAttr(py::Interpreter& interp, std::string_view name)
{
    if (name == "session_key" || name == "_session_key")
        return key_ ? interp.newStr(*key_) : py::Value();
    if (name == "accessed")
        return py::Value::boolean(accessed_);
    if (name == "modified")
        return py::Value::boolean(modified_);
    if (name == "_session")
        return py::Value(session(interp));
    static const char* methods[] = {"get", "pop", "setdefault", "update", "has_key", "keys", "values",
                                    "items", "clear", "is_empty", "flush", "cycle_key", "save", "create",
                                    "delete", "exists", "get_expiry_age", "get_expire_at_browser_close",
                                    "set_expiry"};
    for (const char* m : methods)
        if (name == m)
            return method(interp, name);
    return std::nullopt;
}

bool SessionStore::setAttr(py::Interpreter& interp, std::string_view name, py::Value value)
{
    if (name == "modified") {
        modified_ = interp.truthy(value);
        return true;
    }
    if (name == "accessed") {
        accessed_ = interp.truthy(value);
        return true;
    }
    return false;
}

std::optional<py::Value> SessionStore::getItem(py::Interpreter& interp, py::Value key)
{
    return interp.getItem(session(interp), key);
}

bool SessionStore::setItem(py::Interpreter& interp, py::Value key, py::Value value)
{
    interp.dictSet(session(interp), key, value);
    modified_ = true;
    return true;
}

bool SessionStore::delItem(py::Interpreter& interp, py::Value key)
{
    interp.delItem(session(interp), key);
    modified_ = true;
    return true;
}

std::optional<bool> SessionStore::contains(py::Interpreter& interp, py::Value item)
{
    return interp.contains(session(interp), item);
}

std::optional<std::string> SessionStore::repr(py::Interpreter&)
{
    return std::string("<django.contrib.sessions.backends.db.SessionStore object>");
}

void installSessionModules(py::Interpreter& interp, SessionDatabase& database)
{
    py::ModuleObject* base = interp.newModule("django.contrib.sessions.backends.base", "django");
    py::ClassObject* createError = interp.newExceptionClass("CreateError", interp.types().Exception, base->name);
    py::ClassObject* updateError = interp.newExceptionClass("UpdateError", interp.types().Exception, base->name);
    base->globals.set("CreateError", createError);
    base->globals.set("UpdateError", updateError);

    py::ModuleObject* db = interp.newModule("django.contrib.sessions.backends.db", "django");
    py::ClassObject* store = interp.newClass("SessionStore", {}, db->name);
    store->construct = [&database](py::Interpreter& ip, py::ClassObject* cls, py::CallArgs& args) -> py::Value {
        static const py::Signature sig("SessionStore", {"session_key="});
        py::BoundArgs bound = py::bind(ip, args, sig);
        const py::Value key = bound.get(0);
        std::optional<std::string> text;
        if (const std::string* s = py::Interpreter::strOf(key))
            text = *s;
        return ip.make<SessionStore>(cls, database, text);
    };
    db->globals.set("SessionStore", store);
}

} // namespace pipelab::django::middleware
