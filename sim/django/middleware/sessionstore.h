// SessionStore: request.session (django.contrib.sessions.backends.base.SessionBase) as a native
// Python object, for each of Django's session engines: db (the django_session table), cache
// (the session dict under "django.contrib.sessions.cache" + key in SESSION_CACHE_ALIAS, no
// SQL), cached_db (cache first, then the table, writing both) and signed_cookies (the session
// is the signed cookie value itself). Like Django it is lazy: the session is loaded on the first
// access to its contents, `accessed` and `modified` are tracked exactly as SessionBase tracks
// them, and save()/create()/cycle_key()/flush() perform each backend's operations in Django 3.2's
// order, so the SQL (through the SessionDatabase) and the cache operations (through the
// django.core.cache backend objects, which report their own events and SQL) are Django's.
#pragma once

#include "sim/django/middleware/sessiondatabase.h"
#include "sim/python/object.h"

#include <optional>
#include <string>
#include <vector>

namespace pipelab::py {
class DictObject;
class ClassObject;
}

namespace pipelab::django::middleware {

// The backend modules of django.contrib.sessions.backends.
enum class SessionEngine { Db, Cache, CachedDb, SignedCookies };

class SessionStore final : public py::Object {
public:
    SessionStore(py::ClassObject* cls, SessionEngine engine, SessionDatabase& database,
                 std::optional<std::string> sessionKey);

    std::optional<py::Value> getAttr(py::Interpreter& interp, std::string_view name) override;
    bool setAttr(py::Interpreter& interp, std::string_view name, py::Value value) override;
    std::optional<py::Value> getItem(py::Interpreter& interp, py::Value key) override;
    bool setItem(py::Interpreter& interp, py::Value key, py::Value value) override;
    bool delItem(py::Interpreter& interp, py::Value key) override;
    std::optional<bool> contains(py::Interpreter& interp, py::Value item) override;
    std::optional<std::string> repr(py::Interpreter& interp) override;

    void trace(py::Tracer& t) override;

    // The save() the middleware and the oracle's login step perform.
    void save(py::Interpreter& interp, bool mustCreate);
    const std::optional<std::string>& sessionKey() const { return key_; }

private:
    py::DictObject* session(py::Interpreter& interp, bool noLoad = false); // SessionBase._get_session
    py::DictObject* load(py::Interpreter& interp);
    bool exists(py::Interpreter& interp, const std::string& key);
    std::string newSessionKey(py::Interpreter& interp); // SessionBase._get_new_session_key
    // save() without the CreateError: false when must_create found the key taken.
    bool store(py::Interpreter& interp, bool mustCreate);
    bool storeInDatabase(py::Interpreter& interp, bool mustCreate);
    void create(py::Interpreter& interp);
    void remove(py::Interpreter& interp, std::optional<std::string> key);
    void cycleKey(py::Interpreter& interp);
    void flush(py::Interpreter& interp);
    bool isEmpty() const;
    py::Value method(py::Interpreter& interp, std::string_view name);
    // caches[SESSION_CACHE_ALIAS] (cache and cached_db), resolved on first use.
    py::Value cache(py::Interpreter& interp);
    py::Value cacheCall(py::Interpreter& interp, std::string_view method, std::vector<py::Value> args);
    std::string cacheKey(const std::string& key) const;

    SessionEngine engine_;
    SessionDatabase& database_;
    py::Value cacheBackend_;
    std::optional<std::string> key_;
    py::DictObject* cache_ = nullptr; // _session_cache; null: not loaded
    bool accessed_ = false;
    bool modified_ = false;
};

// Registers django.contrib.sessions.backends.{db,cache,cached_db,signed_cookies}, each with its
// SessionStore(session_key=None) bound to `database`, and base.UpdateError / CreateError.
void installSessionModules(py::Interpreter& interp, SessionDatabase& database);

} // namespace pipelab::django::middleware
