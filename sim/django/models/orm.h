// Orm: the Python-facing ORM of one project — the importable django.db.models,
// django.contrib.auth.models and django.core.exceptions modules, model classes built from the
// scenario's models module, managers, QuerySets and related descriptors bound to the ORM core
// (sim/django/db), and the fixture (`data`, `users`). Every statement it sends is reported to the
// RequestRecorder, which attributes it to a source line.
//
// Lifecycle (driven by the project, sim/django/project): construct → installModules() → the
// project executes `<app>.models` (model classes register themselves as they are created) →
// finalizeModels() → loadData() → requests.
#pragma once

#include "sim/django/db/modelregistry.h"
#include "sim/django/db/store.h"
#include "sim/scenario/scenario.h"
#include "sim/scenario/sourcepos.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace pipelab::py {
class Interpreter;
class ClassObject;
}

namespace pipelab::django {
class RequestRecorder;
}

namespace pipelab::django::models {

class OrmContext;

class Orm {
public:
    Orm(py::Interpreter& interpreter, RequestRecorder& recorder, std::string appLabel);
    ~Orm();
    Orm(const Orm&) = delete;
    Orm& operator=(const Orm&) = delete;

    // Registers the native modules django.db (models, transaction), django.db.models,
    // django.contrib.auth.models and django.core.exceptions with the interpreter.
    void installModules();
    // After `<app>.models` ran: resolves relations and installs descriptors and reverse
    // accessors. Raises the Python FieldError/ValueError Django would (a PyException).
    void finalizeModels();
    // Creates the `users` and `data` rows (no signals, nothing recorded), spec §3. Problems
    // (unknown model or field, a field with no value) are diagnostics pointing into the YAML.
    std::vector<scenario::Diagnostic> loadData(const scenario::Scenario& scenario);

    // The model class called `name` ("Order", "auth.User"), or nullptr.
    py::ClassObject* modelClass(std::string_view name) const;
    // Exception classes views and middleware catch: django.core.exceptions.ObjectDoesNotExist ...
    py::ClassObject* exceptionClass(std::string_view name) const;

    db::ModelRegistry& registry();
    db::Store& store();
    // Everything the ORM's native objects share (transactions, value conversion, hooks for
    // signals); for the other rooms of the project.
    OrmContext& context();

private:
    struct State;
    std::unique_ptr<State> state_;
};

} // namespace pipelab::django::models
