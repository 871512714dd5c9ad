// SessionStore: request.session of the db backend (django.contrib.sessions.backends.db and
// base.SessionBase) as a native Python object. Like Django it is lazy: the session row is read
// on the first access to its contents (one SELECT), `accessed` and `modified` are tracked exactly
// as SessionBase tracks them, and save()/create()/cycle_key()/flush() send Django's statements
// through the SessionDatabase.
#pragma once

#include "sim/django/middleware/sessiondatabase.h"
#include "sim/python/object.h"

#include <optional>
#include <string>

namespace pipelab::py {
class DictObject;
class ClassObject;
}

namespace pipelab::django::middleware {

class SessionStore final : public py::Object {
public:
    SessionStore(py::ClassObject* cls, SessionDatabase& database, std::optional<std::string> sessionKey);

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
    void create(py::Interpreter& interp);
    void remove(std::optional<std::string> key);
    void cycleKey(py::Interpreter& interp);
    void flush(py::Interpreter& interp);
    bool isEmpty() const;
    py::Value method(py::Interpreter& interp, std::string_view name);

    SessionDatabase& database_;
    std::optional<std::string> key_;
    py::DictObject* cache_ = nullptr; // _session_cache; null: not loaded
    bool accessed_ = false;
    bool modified_ = false;
};

// Registers django.contrib.sessions.backends.db with SessionStore(session_key=None) bound to
// `database`, and base.UpdateError / CreateError.
void installSessionModules(py::Interpreter& interp, SessionDatabase& database);

} // namespace pipelab::django::middleware
