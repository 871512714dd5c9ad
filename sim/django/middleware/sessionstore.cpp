// SessionStore (see sessionstore.h), following django/contrib/sessions/backends/base.py and db.py.
#include "sim/django/middleware/sessionstore.h"

#include "sim/django/http/jsonencoding.h"
#include "sim/django/middleware/signing.h"
#include "sim/python/interpreter.h"

namespace pipelab::django::middleware {

namespace {

constexpr std::int64_t kSessionCookieAge = 1209600; // two weeks, Django's default
constexpr const char* kSignedCookiesSalt = "django.contrib.sessions.backends.signed_cookies";

std::optional<std::string> validKey(std::optional<std::string> key)
{
    // SessionBase._validate_session_key: a key shorter than 8 characters is no key.
    if (key && key->size() >= 8)
        return key;
    return std::nullopt;
}

const char* engineModule(SessionEngine engine)
{
    switch (engine) {
    case SessionEngine::Db:
        return "django.contrib.sessions.backends.db";
    case SessionEngine::Cache:
        return "django.contrib.sessions.backends.cache";
    case SessionEngine::CachedDb:
        return "django.contrib.sessions.backends.cached_db";
    case SessionEngine::SignedCookies:
        return "django.contrib.sessions.backends.signed_cookies";
    }
    return "django.contrib.sessions.backends.db";
}

py::ClassObject* sessionError(py::Interpreter& interp, const char* name)
{
    py::ModuleObject* base = interp.findModule("django.contrib.sessions.backends.base");
    const py::Value* cls = base ? base->globals.find(name) : nullptr;
    return cls ? cls->as<py::ClassObject>() : interp.types().Exception;
}

} // namespace

SessionStore::SessionStore(py::ClassObject* cls, SessionEngine engine, SessionDatabase& database,
                           std::optional<std::string> sessionKey)
    : Object(cls), engine_(engine), database_(database), key_(validKey(std::move(sessionKey)))
{
}

void SessionStore::trace(py::Tracer& t)
{
    if (cache_)
        t.visit(static_cast<py::Object*>(cache_));
    t.visit(cacheBackend_);
}

py::Value SessionStore::cache(py::Interpreter& interp)
{
    if (cacheBackend_.isNone()) {
        const py::Value settings = interp.getAttr(interp.importModule("django.conf"), "settings");
        const py::Value alias = interp.getAttr(settings, "SESSION_CACHE_ALIAS");
        cacheBackend_ = interp.getItem(interp.getAttr(interp.importModule("django.core.cache"), "caches"), alias);
    }
    return cacheBackend_;
}

py::Value SessionStore::cacheCall(py::Interpreter& interp, std::string_view method, std::vector<py::Value> args)
{
    return interp.callMethod(cache(interp), method, std::move(args));
}

std::string SessionStore::cacheKey(const std::string& key) const
{
    // cache.KEY_PREFIX / cached_db.KEY_PREFIX
    return (engine_ == SessionEngine::CachedDb ? "django.contrib.sessions.cached_db" : "django.contrib.sessions.cache") + key;
}

py::DictObject* SessionStore::session(py::Interpreter& interp, bool noLoad)
{
    accessed_ = true;
    if (cache_)
        return cache_;
    if (!key_ || noLoad)
        return cache_ = interp.newDict();
    return cache_ = load(interp);
}

py::DictObject* SessionStore::load(py::Interpreter& interp)
{
    auto dictOf = [&](py::Value v) {
        auto* dict = v.as<py::DictObject>();
        return dict ? dict : interp.newDict();
    };
    auto fromJson = [&](const std::string& json) {
        return dictOf(http::jsonToPython(interp, nlohmann::ordered_json::parse(json)));
    };
    const std::string key = *key_;
    switch (engine_) {
    case SessionEngine::Db: {
        // _get_session_from_db(): a missing or expired row forgets the key.
        const std::optional<std::string> json = database_.load(key);
        if (!json) {
            key_.reset();
            return interp.newDict();
        }
        return fromJson(*json);
    }
    case SessionEngine::Cache: {
        const py::Value data = cacheCall(interp, "get", {interp.newStr(cacheKey(key))});
        if (!data.isNone())
            return dictOf(data);
        key_.reset();
        return interp.newDict();
    }
    case SessionEngine::CachedDb: {
        const py::Value data = cacheCall(interp, "get", {interp.newStr(cacheKey(key))});
        if (!data.isNone())
            return dictOf(data);
        const std::optional<std::string> json = database_.load(key);
        if (!json) {
            key_.reset();
            return interp.newDict();
        }
        py::DictObject* loaded = fromJson(*json);
        cacheCall(interp, "set",
                  {interp.newStr(cacheKey(key)), py::Value(loaded), py::Value::integer(database_.expiryAge(key))});
        return loaded;
    }
    case SessionEngine::SignedCookies: {
        const http::SimulatedClock& clock = database_.clock();
        const std::optional<std::string> json =
            signingLoads(key, kSignedCookiesSalt, clock.wholeEpochSeconds(), kSessionCookieAge);
        if (json) {
            try {
                return fromJson(*json);
            } catch (const nlohmann::json::exception&) {
            }
        }
        // Any failure: create(), which for this backend only marks the session modified.
        modified_ = true;
        return interp.newDict();
    }
    }
    return interp.newDict();
}

bool SessionStore::exists(py::Interpreter& interp, const std::string& key)
{
    switch (engine_) {
    case SessionEngine::Db:
        return database_.exists(key);
    case SessionEngine::Cache:
        return !key.empty() && interp.contains(cache(interp), interp.newStr(cacheKey(key)));
    case SessionEngine::CachedDb:
        return (!key.empty() && interp.contains(cache(interp), interp.newStr(cacheKey(key)))) || database_.exists(key);
    case SessionEngine::SignedCookies:
        return false;
    }
    return false;
}

std::string SessionStore::newSessionKey(py::Interpreter& interp)
{
    for (;;) {
        std::string key = database_.newKey();
        if (!exists(interp, key))
            return key;
    }
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
    if (!store(interp, mustCreate))
        interp.raise(sessionError(interp, "CreateError"), "");
}

bool SessionStore::storeInDatabase(py::Interpreter& interp, bool mustCreate)
{
    // db.SessionStore.save(): INSERT (must_create) or UPDATE inside transaction.atomic().
    if (!key_) {
        create(interp);
        return true;
    }
    py::DictObject* data = session(interp, mustCreate);
    const std::string json = http::jsonDumps(interp, data, true);
    if (mustCreate)
        return database_.insert(*key_, json);
    if (!database_.update(*key_, json))
        interp.raise(sessionError(interp, "UpdateError"), "");
    return true;
}

bool SessionStore::store(py::Interpreter& interp, bool mustCreate)
{
    const py::Value age = py::Value::integer(kSessionCookieAge); // get_expiry_age()
    switch (engine_) {
    case SessionEngine::Db:
        return storeInDatabase(interp, mustCreate);
    case SessionEngine::Cache: {
        if (!key_) {
            create(interp);
            return true;
        }
        const py::Value key = interp.newStr(cacheKey(*key_));
        if (mustCreate)
            return interp.truthy(cacheCall(interp, "add", {key, py::Value(session(interp, true)), age}));
        if (cacheCall(interp, "get", {key}).isNone())
            interp.raise(sessionError(interp, "UpdateError"), "");
        cacheCall(interp, "set", {key, py::Value(session(interp)), age});
        return true;
    }
    case SessionEngine::CachedDb:
        // super().save() (which may create() first), then the cache copy.
        if (!storeInDatabase(interp, mustCreate))
            return false;
        cacheCall(interp, "set", {interp.newStr(cacheKey(*key_)), py::Value(session(interp)), age});
        return true;
    case SessionEngine::SignedCookies:
        // The key is the signed session: signing.dumps(self._session, compress=True, salt=...).
        key_ = signingDumps(http::jsonDumps(interp, session(interp), true), kSignedCookiesSalt,
                            http::SimulatedClock::base62(database_.clock().wholeEpochSeconds()));
        modified_ = true;
        return true;
    }
    return true;
}

void SessionStore::create(py::Interpreter& interp)
{
    if (engine_ == SessionEngine::SignedCookies) {
        modified_ = true;
        return;
    }
    for (;;) {
        key_ = newSessionKey(interp);
        if (!store(interp, true))
            continue;
        modified_ = true;
        return;
    }
}

void SessionStore::remove(py::Interpreter& interp, std::optional<std::string> key)
{
    if (engine_ == SessionEngine::SignedCookies) {
        key_.reset(); // self._session_key = '' is no valid key
        cache_ = interp.newDict();
        modified_ = true;
        return;
    }
    if (!key) {
        if (!key_)
            return;
        key = key_;
    }
    if (engine_ != SessionEngine::Cache)
        database_.remove(*key);
    if (engine_ != SessionEngine::Db)
        cacheCall(interp, "delete", {interp.newStr(cacheKey(*key))});
}

void SessionStore::cycleKey(py::Interpreter& interp)
{
    if (engine_ == SessionEngine::SignedCookies) {
        store(interp, false);
        return;
    }
    py::DictObject* data = session(interp);
    const std::optional<std::string> old = key_;
    create(interp);
    cache_ = data;
    if (old)
        remove(interp, old);
}

void SessionStore::flush(py::Interpreter& interp)
{
    cache_ = interp.newDict();
    accessed_ = modified_ = true;
    remove(interp, std::nullopt);
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
                self->remove(ip, key.isNone() ? std::nullopt : std::optional<std::string>(ip.toStr(key)));
                return {};
            }
            if (n == "exists")
                return py::Value::boolean(self->exists(ip, ip.expectStr(arg(0), "session_key")));
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
    return "<" + std::string(engineModule(engine_)) + ".SessionStore object>";
}

void installSessionModules(py::Interpreter& interp, SessionDatabase& database)
{
    py::ModuleObject* base = interp.newModule("django.contrib.sessions.backends.base", "django");
    py::ClassObject* createError = interp.newExceptionClass("CreateError", interp.types().Exception, base->name);
    py::ClassObject* updateError = interp.newExceptionClass("UpdateError", interp.types().Exception, base->name);
    base->globals.set("CreateError", createError);
    base->globals.set("UpdateError", updateError);

    for (SessionEngine engine :
         {SessionEngine::Db, SessionEngine::Cache, SessionEngine::CachedDb, SessionEngine::SignedCookies}) {
        py::ModuleObject* module = interp.newModule(engineModule(engine), "django");
        py::ClassObject* store = interp.newClass("SessionStore", {}, module->name);
        store->construct = [&database, engine](py::Interpreter& ip, py::ClassObject* cls, py::CallArgs& args) -> py::Value {
            static const py::Signature sig("SessionStore", {"session_key="});
            py::BoundArgs bound = py::bind(ip, args, sig);
            const py::Value key = bound.get(0);
            std::optional<std::string> text;
            if (const std::string* s = py::Interpreter::strOf(key))
                text = *s;
            return ip.make<SessionStore>(cls, engine, database, text);
        };
        module->globals.set("SessionStore", store);
    }
}

} // namespace pipelab::django::middleware
